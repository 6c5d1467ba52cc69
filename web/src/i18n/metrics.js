// Names of the figures the compare table and the lessons show (lessons/metrics.js),
// and the words of a verdict, English and Korean side by side.

/** metric id -> {en, ko}: how an observation or a verdict names the figure. */
export const METRIC_LABELS = {
  valAccuracy: { en: 'validation accuracy', ko: '검증 정확도' },
  firstEpochValAccuracy: { en: 'validation accuracy after epoch 1', ko: '1 에포크 후 검증 정확도' },
  epochsTo90: { en: 'epochs to 90%', ko: '90% 도달 에포크' },
  deadFraction: { en: 'dead units', ko: '죽은 유닛' },
  inactiveFraction: { en: 'inactive units', ko: '비활성 유닛' },
  gradNormFirst: { en: 'first-layer gradient norm', ko: '첫 층 기울기 노름' },
  meanOutput: { en: 'mean output', ko: '평균 출력' },
  alphaMin: { en: 'smallest PReLU α', ko: '가장 작은 PReLU α' },
  alphaMax: { en: 'largest PReLU α', ko: '가장 큰 PReLU α' },
  alphaSpread: { en: 'spread of PReLU α (max − min)', ko: 'PReLU α의 범위 (최대 − 최소)' },
  activationCost: { en: 'activation cost per element (f and f′)', ko: '원소당 활성화 비용 (f와 f′)' },
  gemmMs: { en: 'matrix products in the fastest step', ko: '가장 빠른 스텝의 행렬 곱' },
  activationMs: { en: 'activation in the fastest step', ko: '가장 빠른 스텝의 활성화' },
  lastLayerMean: { en: 'mean output of the last hidden layer', ko: '마지막 은닉층 출력의 평균' },
  lastLayerStd: { en: 'std of the last hidden layer\'s outputs', ko: '마지막 은닉층 출력의 표준편차' },
  secondsPerEpoch: { en: 'seconds per epoch', ko: '에포크당 초' },
  parameters: { en: 'parameters', ko: '파라미터 수' },
  planeTestLoss: { en: 'test loss', ko: '테스트 손실' },
  linearShare: { en: 'share of the plane where the logit is flat-linear (second difference 0)', ko: '로짓이 직선인 (이계 차분 0) 평면의 비율' },
  planeDeadFraction: { en: 'dead neurons', ko: '죽은 뉴런' },
};

/** The words a verdict is made of (lessons/verdict.js). */
export const VERDICT_WORDS = {
  en: { holds: 'The observation holds', fails: 'The observation does not hold', pending: 'Waiting for the runs', times: '×' },
  ko: { holds: '예상한 관찰이 맞습니다', fails: '예상한 관찰과 다릅니다', pending: '학습 결과를 기다리는 중', times: '×' },
};

/** A metric's name in `lang` (English where a language lacks it). */
export const metricLabel = (id, lang) => METRIC_LABELS[id]?.[lang] ?? METRIC_LABELS[id]?.en ?? id;
