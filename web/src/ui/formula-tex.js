// A custom formula (the engine's language, see cpp/nn/formula.h) as TeX, to
// typeset it: names become operators, * a centred dot, sigmoid sigma, pi pi.
const NAMES = ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tanh', 'softplus', 'erf', 'min', 'max', 'where'];

export function formulaTex(text) {
  return String(text)
    .replace(/[\\{}$&#%_~]/g, '') // nothing that TeX would read as a command
    .replace(/\bsigmoid\b/g, '\\sigma')
    .replace(new RegExp(`\\b(${NAMES.join('|')})\\b`, 'g'), '\\operatorname{$1}')
    .replace(/\bpi\b/g, '\\pi')
    .replace(/\*/g, ' \\cdot ')
    .replace(/<=/g, ' \\le ')
    .replace(/>=/g, ' \\ge ')
    .replace(/!=/g, ' \\ne ')
    .replace(/==/g, ' = ');
}
