// UI text in English and Korean. `t(key, vars)` looks a string up in the current
// language; elements with data-i18n="key" are filled by applyTranslations().
// Activation names and formulas come from the engine's table; their notes are
// keyed by activation id here.

export const LANGUAGES = ['en', 'ko'];

const STRINGS = {
  en: {
    title: 'Activation Playground',
    tagline: 'Draw a digit, switch the activation function, and watch the network learn.',
    drawTitle: 'Draw a digit',
    drawHint: 'Draw one digit, large, in the middle of the pad.',
    drawingPad: 'Drawing pad',
    clear: 'Clear',
    undo: 'Undo',
    modelSees: 'What the model sees (28×28)',
    probabilities: 'Probabilities',
    prediction: 'Prediction',
    noPrediction: 'Draw a digit to get a prediction.',
    settings: 'Network and training',
    activation: 'Activation',
    hiddenLayers: 'Hidden layers',
    units: 'Units per layer',
    optimizer: 'Optimizer',
    learningRate: 'Learning rate',
    batchSize: 'Batch size',
    epochs: 'Epochs',
    seed: 'Seed',
    init: 'Weight initialiser',
    dataset: 'Dataset',
    datasetMnist: 'MNIST digits (embedded, 8,000 / 2,000)',
    datasetFashion: 'Fashion-MNIST (60,000 / 10,000)',
    datasetFiles: 'Your own IDX files…',
    idxFiles: 'IDX files (the four MNIST files, .gz allowed)',
    train: 'Train',
    pause: 'Pause',
    step: 'Step',
    reset: 'Reset',
    training: 'Training',
    epoch: 'Epoch',
    stepCount: 'Step',
    trainLoss: 'Training loss',
    valAccuracy: 'Validation accuracy',
    samplesPerSecond: 'Samples/s',
    secondsPerEpoch: 'Time per epoch',
    lossChart: 'Training loss (per step; thin: raw, thick: smoothed)',
    accuracyChart: 'Accuracy per epoch (solid: validation, dashed: training)',
    epochLossChart: 'Loss per epoch (solid: validation, dashed: training)',
    theActivation: 'The activation function',
    curveLegend: 'f(x) and its derivative f′(x) on [−5, 5], computed by the engine',
    loadingEngine: 'Loading the engine…',
    engineReadySimd: 'Engine ready (WebAssembly SIMD).',
    engineReadyScalar: 'Engine ready. This browser has no WebAssembly SIMD: the slower scalar build is running.',
    defaultModel: 'Default model loaded: {model}, trained at build time ({accuracy} on the test digits). Draw, or press Train.',
    loadingData: 'Loading {name}… {percent}',
    dataReady: '{name}: {train} training and {test} test images.',
    trainingStarted: 'Training {model}…',
    paused: 'Paused. Press Train to resume.',
    done: 'Finished {epochs} epochs.',
    diverged: 'Training diverged at step {step}: the loss became NaN or infinite, so the run was stopped. Try a lower learning rate (for example {lr}) or another optimizer.',
    errorPrefix: 'Error',
    dataError: 'Could not load the dataset: {message}',
    settingsError: 'Impossible setting: {message}',
    weightsError: 'Could not load the weights: {message}',
    runLabel: 'run {n}',
    language: 'Language',
    share: 'Share',
    copyLink: 'Copy link',
    copyEmbed: 'Copy embed code',
    copied: 'Copied.',
    scalarNote: 'scalar build',
  },
  ko: {
    title: '활성화 함수 놀이터',
    tagline: '숫자를 그리고, 활성화 함수를 바꾸고, 신경망이 학습하는 모습을 지켜보세요.',
    drawTitle: '숫자 그리기',
    drawHint: '패드 가운데에 숫자 하나를 크게 그려 보세요.',
    drawingPad: '그림판',
    clear: '지우기',
    undo: '되돌리기',
    modelSees: '모델이 보는 이미지 (28×28)',
    probabilities: '확률',
    prediction: '예측',
    noPrediction: '숫자를 그리면 예측이 나타납니다.',
    settings: '신경망과 학습 설정',
    activation: '활성화 함수',
    hiddenLayers: '은닉층 수',
    units: '층별 유닛 수',
    optimizer: '옵티마이저',
    learningRate: '학습률',
    batchSize: '배치 크기',
    epochs: '에포크',
    seed: '시드',
    init: '가중치 초기화',
    dataset: '데이터셋',
    datasetMnist: 'MNIST 숫자 (내장, 8,000 / 2,000)',
    datasetFashion: 'Fashion-MNIST (60,000 / 10,000)',
    datasetFiles: '내 IDX 파일…',
    idxFiles: 'IDX 파일 (MNIST 파일 4개, .gz 가능)',
    train: '학습',
    pause: '일시정지',
    step: '한 스텝',
    reset: '초기화',
    training: '학습 현황',
    epoch: '에포크',
    stepCount: '스텝',
    trainLoss: '학습 손실',
    valAccuracy: '검증 정확도',
    samplesPerSecond: '샘플/초',
    secondsPerEpoch: '에포크당 시간',
    lossChart: '학습 손실 (스텝별; 가는 선: 원값, 굵은 선: 평활값)',
    accuracyChart: '에포크별 정확도 (실선: 검증, 점선: 학습)',
    epochLossChart: '에포크별 손실 (실선: 검증, 점선: 학습)',
    theActivation: '활성화 함수',
    curveLegend: '[−5, 5] 구간의 f(x)와 도함수 f′(x) (엔진이 계산)',
    loadingEngine: '엔진을 불러오는 중…',
    engineReadySimd: '엔진 준비 완료 (WebAssembly SIMD).',
    engineReadyScalar: '엔진 준비 완료. 이 브라우저는 WebAssembly SIMD를 지원하지 않아 느린 스칼라 빌드로 실행합니다.',
    defaultModel: '기본 모델을 불러왔습니다: {model}, 빌드할 때 학습됨 (테스트 숫자 정확도 {accuracy}). 숫자를 그리거나 학습을 눌러 보세요.',
    loadingData: '{name} 불러오는 중… {percent}',
    dataReady: '{name}: 학습 이미지 {train}개, 테스트 이미지 {test}개.',
    trainingStarted: '{model} 학습 중…',
    paused: '일시정지됨. 학습을 누르면 이어서 학습합니다.',
    done: '{epochs} 에포크 학습을 마쳤습니다.',
    diverged: '{step} 스텝에서 학습이 발산했습니다: 손실이 NaN 또는 무한대가 되어 학습을 멈췄습니다. 학습률을 낮추거나 (예: {lr}) 다른 옵티마이저를 써 보세요.',
    errorPrefix: '오류',
    dataError: '데이터셋을 불러오지 못했습니다: {message}',
    settingsError: '설정할 수 없는 값입니다: {message}',
    weightsError: '가중치를 불러오지 못했습니다: {message}',
    runLabel: '실행 {n}',
    language: '언어',
    share: '공유',
    copyLink: '링크 복사',
    copyEmbed: '임베드 코드 복사',
    copied: '복사했습니다.',
    scalarNote: '스칼라 빌드',
  },
};

/** The study note's claims, per activation (the engine's table has the English summary). */
const NOTES = {
  ko: {
    linear: '비교용: 비선형성이 없으면 층을 여러 개 쌓아도 하나의 선형 변환과 같습니다.',
    sigmoid: '출력이 0~1 사이이고 중심이 0이 아닌 1/2입니다. 기울기는 최대 1/4이고 |x|가 크면 사라집니다(Gradient Vanishing). exp 계산 비용이 듭니다.',
    tanh: 'tanh(x) = 2σ(2x) − 1. 중심이 0이라 sigmoid보다 최적화가 빠르지만, 포화되면 여전히 기울기가 사라집니다.',
    relu: 'sigmoid, tanh보다 빠르게 학습하고 계산이 거의 들지 않지만, 입력이 계속 음수인 뉴런은 기울기를 받지 못해 죽을 수 있습니다(Dying ReLU).',
    leaky_relu: 'x < 0에서 작은 기울기를 두어 기울기가 계속 흐르게 하므로 Dying ReLU를 해결합니다. 0.01 대신 다른 작은 값도 쓸 수 있습니다.',
    prelu: 'Leaky ReLU와 같지만 음수 쪽 기울기 α를 유닛마다 학습합니다.',
    elu: '뉴런이 죽지 않고 출력 평균이 0에 가깝지만, 음수 입력에 exp 계산 비용이 듭니다.',
    maxout: 'k개의 선형 함수 중 최댓값. ReLU와 Leaky ReLU를 일반화하고 죽지 않지만, 파라미터와 계산이 k배입니다.',
  },
};

let current = 'en';

/** Picks the language: explicit choice, else the browser's, else English. */
export function pickLanguage(requested, navigatorLanguages = []) {
  if (LANGUAGES.includes(requested)) return requested;
  for (const l of navigatorLanguages) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export function language() {
  return current;
}

/** The string for key in the current language, with {name} placeholders filled. */
export function t(key, vars = {}) {
  const s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** The note for an activation: Korean from here, English from the engine's table. */
export function activationNote(info) {
  return NOTES[current]?.[info.id] ?? info.summary;
}

/** Fills every [data-i18n] element's text (and [data-i18n-label] aria-labels). */
export function applyTranslations(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

export const _strings = STRINGS; // for tests: both languages have the same keys
