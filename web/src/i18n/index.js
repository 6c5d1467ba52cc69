// The home of the page's text. `t(key, vars)` looks a UI string up in the
// current language; elements with data-i18n="key" are filled by
// applyTranslations(). Beside this file, English and Korean side by side:
// lessons.js (the lessons' text), metrics.js (names of figures, verdict words),
// format.js (numbers), a11y.js (the text behind charts and what the live region
// says). Activation names, formulas, claims and parameter text come from the
// engine's table, in both languages.
import { A11Y_STRINGS } from './a11y.js';

export const LANGUAGES = ['en', 'ko'];

const STRINGS = {
  en: {
    title: 'Activation Playground',
    tagline: 'Draw a digit, switch the activation function, and watch the network learn.',
    drawTitle: 'Draw a digit',
    drawHint: 'Draw one digit, large, in the middle of the pad.',
    drawingPad: 'Drawing pad: arrow keys move the cursor, Space or Enter puts the pen down or lifts it, Delete clears',
    tryTestDigit: 'Try a test digit',
    diagTable: 'Figures per hidden layer',
    diagNotes: 'Notes',
    testDigitLabel: 'Test digit {n} of the data; its label is {label}.',
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
    errorWith: 'Error: {message}',
    engineSimd: 'WebAssembly SIMD',
    colInactive: 'Inactive units (1st layer)',
    inactiveUnits: 'Inactive units',
    deadExplain: 'Dead: the unit passes no gradient to any weight for any probe digit (ReLU with pre-activation ≤ 0 on all of them). It can never recover.',
    inactiveExplain: 'Inactive: pre-activation ≤ 0 on every probe digit. A Leaky ReLU, PReLU or ELU unit there still passes a gradient and can come back.',
    saturatedExplain: "Saturated: share of (digit, unit) pairs with |f′| < 0.05, where the gradient nearly vanishes (sigmoid and tanh far from 0).",
    lessonOf: 'Lesson {n} of {total}',
    lessonStepRun: 'Press Run: the networks train side by side with the same data, seed and initial weights.',
    lessonStepRunPlane: 'Press Run: the networks train one after another in the view, on the same points with the same seed.',
    lessonRun: 'Run',
    yourAnswer: 'Your answer',
    studentName: 'Your name',
    handIn: 'Hand in',
    lessonStop: 'Stop',
    lessonProgress: 'Training: {done} of {total} epochs…',
    lessonFinished: 'Finished: {done} of {total} epochs.',
    lessonStopped: 'Stopped after {done} of {total} epochs.',
    lessonPrevious: 'Previous lesson',
    lessonNext: 'Next lesson',
    costPerElement: 'Per element: {x}× ReLU (f {f} ns, f′ {b} ns; measured now by the engine, against ReLU in the same run).',
    colCost: 'Activation cost per element (× ReLU)',
    stepTitle: "Where a training step's time goes (measured by the engine)",
    stage_gemm: 'matrix products',
    stage_activation: 'activation',
    stage_loss: 'softmax + loss',
    stage_optimizer: 'optimizer',
    stage_other: 'batch and rest',
    formulaLabel: 'Your formula f(x)',
    formulaHint: 'x, numbers, + − * / ^, exp log sqrt abs sin cos tanh sigmoid softplus erf min max, where(x > 0, a, b), pi, e',
    weightsError: 'Could not load the weights: {message}',
    overBudget: 'This needs about {neededMB} MB of memory for {networks} network(s); the page keeps to {budgetMB} MB per tab so that phones do not close it. Use fewer activations, layers or units, or a smaller Maxout k.',
    fileTooLarge: '{name} is {sizeMB} MB; no valid file can be larger than {maxMB} MB.',
    nonfinite: '{count} pre-activations are NaN or infinite (not in the histogram)',
    runLabel: 'run {n}',
    language: 'Language',
    share: 'Share',
    copyLink: 'Copy link',
    copyEmbed: 'Copy embed code',
    copied: 'Copied.',
    scalarNote: 'scalar build',
    biasInit: 'Hidden bias init',
    compareTitle: 'Compare activations',
    compareHint: 'Train the chosen activations side by side: same data order, seed and initial weights.',
    compareButton: 'Compare',
    comparePause: 'Stop comparing',
    compareResults: 'Results',
    colActivation: 'Activation',
    colValAccuracy: 'Validation accuracy',
    colBest: 'Best',
    colEpochs90: 'Epochs to 90%',
    colEpochs95: 'Epochs to 95%',
    colDead: 'Dead units (1st layer)',
    colGradFirst: 'Gradient norm, 1st layer',
    colMean: 'Mean output',
    colSeconds: 'Seconds per epoch',
    colParams: 'Parameters',
    colAlpha: 'PReLU α (min/mean/max)',
    colPrediction: 'Prediction',
    compareValChart: 'Validation accuracy per epoch',
    compareLossChart: 'Training loss (smoothed)',
    comparing: 'Training {n} networks in {w} workers…',
    compareDone: 'Comparison finished.',
    diagnosticsTitle: 'Diagnostics (probe batch of 256 training digits)',
    layer: 'Layer',
    unitsShort: 'Units',
    deadUnits: 'Dead units',
    saturated: "Saturated (|f'| < 0.05)",
    meanStd: 'Mean ± std of outputs',
    gradNorm: 'Gradient norm',
    updateRatio: 'Update / weight',
    pieces: 'pieces',
    histogramTitle: "Pre-activations of the first hidden layer, over f (solid) and f' (dashed)",
    alphaChart: 'PReLU α over training: min, 10th percentile, median, 90th percentile, max over the units',
    weightsTitle: 'First-layer weights as 28×28 images (red +, blue −; dead units darkened)',
    confusionTitle: 'Confusion matrix (validation set)',
    trueVsPredicted: 'true \\ predicted',
    galleryTitle: 'Misclassified validation digits (true→predicted)',
    exercisesTitle: 'Exercises: measure the note\'s claims',
    exerciseLook: 'What to look at',
    exerciseQuestion: 'Question',
    exerciseExpect: 'What you should observe',
    exportTitle: 'Share, export and resume',
    downloadCsv: 'Download curves (CSV)',
    downloadPng: 'Download charts (PNG)',
    downloadWeights: 'Download weights',
    uploadWeights: 'Upload weights (.apw or .npz)',
    weightsLoaded: 'Weights loaded: {model}.',
    embedSnippet: 'Embed code',
    planeLink: 'The 2-D view',
    embedWidget: 'Embed',
    widgetPage: 'the whole page',
    widget_curve: 'an activation curve',
    widget_predict: 'the drawing pad',
    widget_train: 'training one activation',
    widget_lesson: 'this lesson',
    widget_compare: 'this comparison',
    widget_plane: 'the 2-D view',
  },
  ko: {
    title: '활성화 함수 놀이터',
    tagline: '숫자를 그리고, 활성화 함수를 바꾸고, 신경망이 학습하는 모습을 지켜보세요.',
    drawTitle: '숫자 그리기',
    drawHint: '패드 가운데에 숫자 하나를 크게 그려 보세요.',
    drawingPad: '그림판: 화살표 키로 커서를 움직이고, 스페이스나 엔터로 펜을 내리거나 올리며, Delete로 지웁니다',
    tryTestDigit: '테스트 숫자 써 보기',
    diagTable: '은닉층별 수치',
    diagNotes: '비고',
    testDigitLabel: '데이터의 테스트 숫자 {n}번; 정답은 {label}입니다.',
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
    errorWith: '오류: {message}',
    engineSimd: 'WebAssembly SIMD',
    colInactive: '비활성 유닛 (첫 층)',
    inactiveUnits: '비활성 유닛',
    deadExplain: '죽은 유닛: 어떤 탐색 숫자에서도 가중치에 기울기를 전달하지 못하는 유닛 (모든 숫자에서 활성화 전 값이 0 이하인 ReLU). 다시 살아날 수 없습니다.',
    inactiveExplain: '비활성 유닛: 모든 탐색 숫자에서 활성화 전 값이 0 이하. Leaky ReLU, PReLU, ELU 유닛은 이 상태에서도 기울기를 전달하므로 되살아날 수 있습니다.',
    saturatedExplain: "포화: |f′| < 0.05인 (숫자, 유닛) 쌍의 비율. 기울기가 거의 사라지는 곳입니다 (0에서 먼 sigmoid와 tanh).",
    lessonOf: '{total}개 중 {n}번째 실습',
    lessonStepRun: '실행을 누르세요: 같은 데이터, 시드, 초기 가중치로 신경망들을 나란히 학습합니다.',
    lessonStepRunPlane: '실행을 누르세요: 신경망들이 같은 점과 같은 시드로 화면에서 차례로 학습합니다.',
    lessonRun: '실행',
    yourAnswer: '나의 답',
    studentName: '이름',
    handIn: '제출하기',
    lessonStop: '중지',
    lessonProgress: '학습 중: {total} 에포크 중 {done}…',
    lessonFinished: '완료: {total} 에포크 중 {done}.',
    lessonStopped: '{total} 에포크 중 {done}에서 중지했습니다.',
    lessonPrevious: '이전 실습',
    lessonNext: '다음 실습',
    costPerElement: '원소당: ReLU의 {x}배 (f {f} ns, f′ {b} ns; 엔진이 지금 같은 실행에서 ReLU와 함께 측정).',
    colCost: '원소당 활성화 비용 (ReLU 대비)',
    stepTitle: '학습 한 스텝의 시간이 쓰이는 곳 (엔진 측정)',
    stage_gemm: '행렬 곱',
    stage_activation: '활성화',
    stage_loss: '소프트맥스 + 손실',
    stage_optimizer: '옵티마이저',
    stage_other: '배치 및 기타',
    formulaLabel: '나만의 식 f(x)',
    formulaHint: 'x, 숫자, + − * / ^, exp log sqrt abs sin cos tanh sigmoid softplus erf min max, where(x > 0, a, b), pi, e',
    weightsError: '가중치를 불러오지 못했습니다: {message}',
    overBudget: '신경망 {networks}개에 약 {neededMB} MB의 메모리가 필요합니다. 휴대폰에서 탭이 닫히지 않도록 이 페이지는 탭당 {budgetMB} MB까지만 씁니다. 활성화 함수, 층, 유닛 수를 줄이거나 Maxout k를 낮추세요.',
    fileTooLarge: '{name} 파일은 {sizeMB} MB입니다. 올바른 파일은 {maxMB} MB를 넘을 수 없습니다.',
    nonfinite: '사전 활성화 값 {count}개가 NaN 또는 무한대입니다 (히스토그램에서 제외)',
    runLabel: '실행 {n}',
    language: '언어',
    share: '공유',
    copyLink: '링크 복사',
    copyEmbed: '임베드 코드 복사',
    copied: '복사했습니다.',
    scalarNote: '스칼라 빌드',
    biasInit: '은닉층 편향 초기값',
    compareTitle: '활성화 함수 비교',
    compareHint: '선택한 활성화 함수들을 나란히 학습합니다: 같은 데이터 순서, 시드, 초기 가중치.',
    compareButton: '비교',
    comparePause: '비교 멈추기',
    compareResults: '결과',
    colActivation: '활성화 함수',
    colValAccuracy: '검증 정확도',
    colBest: '최고',
    colEpochs90: '90% 도달 에포크',
    colEpochs95: '95% 도달 에포크',
    colDead: '죽은 유닛 (첫 층)',
    colGradFirst: '첫 층 기울기 노름',
    colMean: '평균 출력',
    colSeconds: '에포크당 초',
    colParams: '파라미터 수',
    colAlpha: 'PReLU α (최소/평균/최대)',
    colPrediction: '예측',
    compareValChart: '에포크별 검증 정확도',
    compareLossChart: '학습 손실 (평활값)',
    comparing: '신경망 {n}개를 워커 {w}개에서 학습 중…',
    compareDone: '비교를 마쳤습니다.',
    diagnosticsTitle: '진단 (학습 숫자 256개 탐색 배치)',
    layer: '층',
    unitsShort: '유닛',
    deadUnits: '죽은 유닛',
    saturated: "포화 (|f'| < 0.05)",
    meanStd: '출력 평균 ± 표준편차',
    gradNorm: '기울기 노름',
    updateRatio: '갱신량 / 가중치',
    pieces: '조각',
    histogramTitle: "첫 은닉층의 활성화 전 값 분포와 f (실선), f' (점선)",
    alphaChart: '학습 중 PReLU α: 유닛들의 최솟값, 10% 분위, 중앙값, 90% 분위, 최댓값',
    weightsTitle: '첫 층 가중치를 28×28 이미지로 (빨강 +, 파랑 −; 죽은 유닛은 어둡게)',
    confusionTitle: '혼동 행렬 (검증 세트)',
    trueVsPredicted: '정답 \\ 예측',
    galleryTitle: '잘못 분류된 검증 숫자 (정답→예측)',
    exercisesTitle: '실습: 노트의 주장을 측정하기',
    exerciseLook: '볼 것',
    exerciseQuestion: '질문',
    exerciseExpect: '관찰해야 할 것',
    exportTitle: '공유, 내보내기, 이어하기',
    downloadCsv: '곡선 내려받기 (CSV)',
    downloadPng: '차트 내려받기 (PNG)',
    downloadWeights: '가중치 내려받기',
    uploadWeights: '가중치 올리기 (.apw 또는 .npz)',
    weightsLoaded: '가중치를 불러왔습니다: {model}.',
    embedSnippet: '임베드 코드',
    planeLink: '2차원 보기',
    embedWidget: '임베드',
    widgetPage: '페이지 전체',
    widget_curve: '활성화 함수 곡선',
    widget_predict: '그림판',
    widget_train: '활성화 함수 하나 학습',
    widget_lesson: '이 실습',
    widget_compare: '이 비교',
    widget_plane: '2차원 보기',
  },
};

// The text behind what is seen (charts, live announcements), used by every view.
for (const lang of LANGUAGES) Object.assign(STRINGS[lang], A11Y_STRINGS[lang]);

let current = 'en';

/** Adds a view's own strings (both languages, as PLANE_STRINGS) to the tables t() reads. */
export function addStrings(tables) {
  for (const lang of LANGUAGES) Object.assign(STRINGS[lang], tables[lang]);
}

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

export { formatCount } from './format.js';

// Text that belongs to an activation (its claim, its parameters' names and
// help) lives in the engine's activation table in both languages, so adding an
// activation touches one file; these pick the current language's.

/** The claim about an activation, from the engine's table, in the current language. */
export function activationNote(info) {
  return (current === 'ko' && info.summaryKo) || info.summary;
}

/** An activation parameter's name, from the engine's table, in the current language. */
export function paramName(p) {
  return (current === 'ko' && p.nameKo) || p.name;
}

/** An activation parameter's help, from the engine's table, in the current language. */
export function paramHelp(p) {
  return (current === 'ko' && p.helpKo) || p.help;
}

/** Fills every [data-i18n] element's text (and [data-i18n-label] aria-labels). */
export function applyTranslations(root = document) {
  if (root === document) document.title = t('title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

export const _strings = STRINGS; // for tests: both languages have the same keys
