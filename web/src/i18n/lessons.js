// The lessons' text, English and Korean side by side, by lesson number: title,
// explanation, what to look at, the question for the class and what one should
// observe. The lessons themselves (links and checks) are lessons/exercises.js.

export const LESSON_TEXT = {
  1: {
    en: {
      title: 'Sigmoid vs tanh: zero-centred outputs',
      explain: 'Sigmoid squashes to (0, 1) around 1/2; tanh = 2σ(2x) − 1 squashes to (−1, 1) around 0. Train both on the same data, seed and initial weights.',
      look: 'The "mean output" column, and the training-loss curves.',
      question: 'Why would outputs that are all positive make the next layer learn more slowly?',
      expect: 'Sigmoid units output about 0.5 on average, tanh units about 0. Tanh reaches a lower loss and higher accuracy after the first epoch.',
    },
    ko: {
      title: 'Sigmoid와 tanh: 0 중심 출력',
      explain: 'Sigmoid는 1/2을 중심으로 (0, 1)로, tanh = 2σ(2x) − 1은 0을 중심으로 (−1, 1)로 값을 압축합니다. 같은 데이터, 시드, 초기 가중치로 둘을 학습해 봅니다.',
      look: '"평균 출력" 열과 학습 손실 곡선을 보세요.',
      question: '출력이 모두 양수이면 다음 층의 학습이 왜 느려질까요?',
      expect: 'Sigmoid 유닛의 평균 출력은 약 0.5, tanh는 약 0입니다. 첫 에포크 후 tanh의 손실이 더 낮고 정확도가 더 높습니다.',
    },
  },
  2: {
    en: {
      title: 'Vanishing gradients in a deep sigmoid network',
      explain: 'Six hidden layers of 128 units. Each sigmoid multiplies the backward signal by σ′ ≤ 1/4, so the first layers receive almost nothing.',
      look: 'The "gradient norm, first layer" column and the per-layer gradient bars in Diagnostics.',
      question: 'How many times smaller is the first layer\'s gradient with sigmoid? What does that do to learning?',
      expect: 'The sigmoid network\'s first-layer gradient is hundreds of times smaller than ReLU\'s, and it barely learns in one epoch, while the ReLU network does.',
    },
    ko: {
      title: '깊은 sigmoid 신경망의 기울기 소실',
      explain: '128 유닛 은닉층 6개. sigmoid는 역전파 신호에 σ′ ≤ 1/4을 곱하므로 앞쪽 층에는 기울기가 거의 도달하지 않습니다.',
      look: '"첫 층 기울기 노름" 열과 진단 패널의 층별 기울기 막대를 보세요.',
      question: 'sigmoid에서 첫 층의 기울기는 몇 배나 작나요? 그러면 학습은 어떻게 될까요?',
      expect: 'sigmoid 신경망의 첫 층 기울기는 ReLU보다 수백 배 작고, 한 에포크 동안 거의 학습하지 못하지만 ReLU 신경망은 학습합니다.',
    },
  },
  3: {
    en: {
      title: 'ReLU learns faster',
      explain: 'The note says ReLU learns faster than sigmoid and tanh. Same network, data, seed and optimizer; only the activation changes.',
      look: 'Validation accuracy per epoch, and the "epochs to 90%" column.',
      question: 'Which activation passes 90% first? Why does a gradient of exactly 1 for x > 0 help?',
      expect: 'ReLU has the highest validation accuracy after the first epoch and reaches 90% in fewer epochs than sigmoid and tanh.',
    },
    ko: {
      title: 'ReLU가 더 빨리 학습한다',
      explain: '노트에 따르면 ReLU는 sigmoid, tanh보다 빠르게 학습합니다. 신경망, 데이터, 시드, 옵티마이저는 같고 활성화 함수만 다릅니다.',
      look: '에포크별 검증 정확도와 "90% 도달 에포크" 열을 보세요.',
      question: '어떤 함수가 가장 먼저 90%를 넘나요? x > 0에서 기울기가 정확히 1인 것이 왜 도움이 될까요?',
      expect: '첫 에포크 후 ReLU의 검증 정확도가 가장 높고, sigmoid와 tanh보다 적은 에포크로 90%에 도달합니다.',
    },
  },
  4: {
    en: {
      title: 'Dying ReLU, and the fixes',
      explain: 'Every hidden bias starts at −2, so every unit starts on its negative side. A ReLU unit there outputs 0 and gets no gradient: it never comes back. Leaky ReLU, ELU and PReLU still pass a gradient for x < 0.',
      look: 'The "dead units" column (units that pass no gradient for any probe digit), the "inactive units" column (pre-activation ≤ 0 on every probe digit) and validation accuracy.',
      question: 'Why can a dead ReLU unit never recover, while a Leaky ReLU unit can?',
      expect: 'ReLU\'s units are dead and stay dead: the network stays near chance. Leaky ReLU, PReLU and ELU have no dead units at all: their units start inactive, yet still pass a gradient, come back and learn.',
    },
    ko: {
      title: '죽은 ReLU와 그 해결책',
      explain: '모든 은닉층 편향을 −2로 시작해서 모든 유닛이 음수 쪽에서 출발합니다. 그곳의 ReLU 유닛은 0을 출력하고 기울기를 받지 못해 다시 살아나지 못합니다. Leaky ReLU, ELU, PReLU는 x < 0에서도 기울기를 전달합니다.',
      look: '"죽은 유닛" 열(어떤 탐색 숫자에서도 기울기를 전달하지 못하는 유닛), "비활성 유닛" 열(모든 탐색 숫자에서 활성화 전 값 ≤ 0)과 검증 정확도를 보세요.',
      question: '죽은 ReLU 유닛은 왜 다시 살아나지 못하고, Leaky ReLU 유닛은 왜 살아날 수 있을까요?',
      expect: 'ReLU 유닛은 죽은 채로 남아 정확도가 우연 수준에 머뭅니다. Leaky ReLU, PReLU, ELU에는 죽은 유닛이 전혀 없습니다: 유닛이 비활성으로 시작해도 기울기를 전달하므로 되살아나 학습합니다.',
    },
  },
  5: {
    en: {
      title: 'PReLU learns its slope',
      explain: 'PReLU is max(αx, x) with one α per unit, learned by gradient descent. Keras starts every α at 0, so PReLU starts out as ReLU.',
      look: 'The α column (min / mean / max over the units) and the α chart in Diagnostics.',
      question: 'Do all units want the same slope? Do some learn a negative α?',
      expect: 'The α values spread away from 0 as training goes on: some units learn a positive slope, others a negative one.',
    },
    ko: {
      title: 'PReLU는 기울기를 학습한다',
      explain: 'PReLU는 max(αx, x)이고 α는 유닛마다 하나씩 경사 하강법으로 학습됩니다. Keras는 α를 0으로 시작하므로 PReLU는 ReLU로 출발합니다.',
      look: 'α 열(유닛들의 최솟값 / 평균 / 최댓값)과 진단 패널의 α 차트를 보세요.',
      question: '모든 유닛이 같은 기울기를 원하나요? 음수 α를 학습하는 유닛도 있나요?',
      expect: '학습이 진행되면서 α가 0에서 퍼져 나갑니다: 어떤 유닛은 양의 기울기를, 어떤 유닛은 음의 기울기를 학습합니다.',
    },
  },
  6: {
    en: {
      title: 'ELU: mean output near 0, at the cost of an exp',
      explain: 'ELU is x for x > 0 and α(eˣ − 1) below: negative outputs pull the mean towards 0, like tanh, without dying like ReLU. It computes an exp for negative inputs.',
      look: 'The "mean output" column, the "activation cost per element" column (f and f′ timed by the engine against ReLU), and the step breakdown in Diagnostics.',
      question: 'ELU costs several times ReLU per element: why does its epoch take only a little longer?',
      expect: 'ELU\'s mean output is much closer to 0 than ReLU\'s, and per element its activation costs well over twice ReLU\'s. Yet its epoch takes only a little longer: the activation is a small share of a step, the 784×512 matrix products take most of it.',
    },
    ko: {
      title: 'ELU: 평균 출력이 0에 가깝지만 exp 비용이 든다',
      explain: 'ELU는 x > 0에서 x, 그 아래에서 α(eˣ − 1)입니다. 음수 출력이 tanh처럼 평균을 0 쪽으로 당기면서도 ReLU처럼 죽지 않습니다. 음수 입력에 exp를 계산합니다.',
      look: '"평균 출력" 열, "원소당 활성화 비용" 열(엔진이 ReLU와 함께 잰 f와 f′의 시간), 진단 패널의 스텝 시간 분해를 보세요.',
      question: 'ELU는 원소당 ReLU의 몇 배나 드는데, 왜 에포크 시간은 조금만 길어질까요?',
      expect: 'ELU의 평균 출력은 ReLU보다 훨씬 0에 가깝고, 원소당 활성화 비용은 ReLU의 두 배를 훨씬 넘습니다. 그런데도 에포크 시간은 조금만 깁니다: 활성화는 스텝의 작은 부분이고, 784×512 행렬 곱이 대부분을 차지하기 때문입니다.',
    },
  },
  7: {
    en: {
      title: 'Maxout: never dies, costs k times more',
      explain: 'A Maxout unit is the max of k linear pieces (here k = 2): the first layer has 2 × 512 outputs. The winning piece always passes the gradient, so no unit dies.',
      look: 'The "dead units" and "parameters" columns, and the matrix products per step in the step breakdown (Diagnostics).',
      question: 'Is the extra accuracy worth twice the first-layer weights and time?',
      expect: 'Maxout has no dead units, almost twice ReLU\'s parameters, and its matrix products take about twice as long per step (k = 2): the cost grows with k where it matters most.',
    },
    ko: {
      title: 'Maxout: 죽지 않지만 k배의 비용',
      explain: 'Maxout 유닛은 k개 선형 함수의 최댓값입니다 (여기서는 k = 2): 첫 층의 출력이 2 × 512개입니다. 이긴 함수가 항상 기울기를 전달하므로 유닛이 죽지 않습니다.',
      look: '"죽은 유닛"과 "파라미터 수" 열, 그리고 진단 패널의 스텝당 행렬 곱 시간을 보세요.',
      question: '첫 층 가중치와 시간이 두 배가 되는 만큼 정확도가 오를 가치가 있을까요?',
      expect: 'Maxout에는 죽은 유닛이 없고 파라미터는 ReLU의 거의 두 배이며, 스텝당 행렬 곱 시간도 약 두 배입니다 (k = 2): 비용이 가장 중요한 곳에서 k배로 늘어납니다.',
    },
  },
  8: {
    en: {
      title: 'After the note: GELU and SiLU against ReLU',
      explain: 'Transformers use GELU, x·Φ(x); SiLU (Swish) is x·σ(x). Both are smooth and dip slightly below 0 just left of the origin (pick them under Activation to see the curve), where ReLU is flat. Same network, data and seed.',
      look: 'Validation accuracy per epoch, and each curve\'s shape in the activation panel.',
      question: 'Why might a smooth, slightly negative dip help a deep network, and does it matter for this small one?',
      expect: 'On the digits GELU and SiLU learn as well as ReLU, within two points after two epochs: their advantages show in much deeper networks.',
    },
    ko: {
      title: '노트 이후: GELU와 SiLU 대 ReLU',
      explain: '트랜스포머는 GELU, x·Φ(x)를 씁니다. SiLU(Swish)는 x·σ(x)입니다. 둘 다 매끄럽고 원점 바로 왼쪽에서 살짝 0 아래로 내려갑니다 (활성화에서 골라 곡선을 보세요). ReLU는 그곳에서 평평합니다. 신경망, 데이터, 시드는 같습니다.',
      look: '에포크별 검증 정확도와 활성화 패널의 곡선 모양을 보세요.',
      question: '매끄럽고 살짝 음수인 부분이 깊은 신경망에 왜 도움이 될까요? 이 작은 신경망에서는 차이가 있을까요?',
      expect: '숫자 데이터에서 GELU와 SiLU는 ReLU만큼 학습합니다 (두 에포크 후 2%p 이내). 장점은 훨씬 깊은 신경망에서 드러납니다.',
    },
  },
  9: {
    en: {
      title: 'SELU normalises itself',
      explain: 'Eight hidden layers of 128 units with lecun_normal weights. SELU\'s λ and α are chosen so that activations drift towards mean 0 and variance 1 layer after layer; sigmoid\'s outputs sit around 1/2 with a small spread.',
      look: 'The per-layer "mean ± std of outputs" in Diagnostics (pick a row of the table), especially the last layer.',
      question: 'What would happen to the gradients of a deep network whose layers shrink or blow up their outputs?',
      expect: 'SELU\'s last hidden layer keeps its outputs centred near 0 with a spread near 1 and the network learns; sigmoid\'s stay around 0.5 with a small spread, and it barely learns in one epoch.',
    },
    ko: {
      title: 'SELU는 스스로 정규화한다',
      explain: 'lecun_normal 가중치의 128 유닛 은닉층 8개. SELU의 λ와 α는 층을 지날수록 활성화가 평균 0, 분산 1로 가도록 정해졌습니다. sigmoid의 출력은 1/2 근처에 작게 퍼져 있습니다.',
      look: '진단 패널의 층별 "출력 평균 ± 표준편차"(표의 행을 고르세요), 특히 마지막 층을 보세요.',
      question: '층마다 출력이 줄어들거나 커지는 깊은 신경망의 기울기는 어떻게 될까요?',
      expect: 'SELU의 마지막 은닉층 출력은 0 근처에 중심을 두고 퍼짐이 1에 가까우며 신경망이 학습합니다. sigmoid는 0.5 근처에 작게 퍼져 있고 한 에포크 동안 거의 학습하지 못합니다.',
    },
  },
  10: {
    en: {
      title: 'Your own activation',
      explain: 'Choose "Your own" and type a formula in x: the engine parses it, derives f′ and compiles both, no JavaScript involved. Here it is x * sigmoid(x), which is SiLU written out. Then try one that cannot learn, such as sin(x) or 0*x.',
      look: 'The results table: your formula against the built-in SiLU; then, for your broken one, the gradient norms in Diagnostics.',
      question: 'Why does 0*x not learn at all, and why does sin(x) learn badly?',
      expect: 'x * sigmoid(x) trains exactly like the built-in SiLU (the same accuracy, within 0.2 points). 0*x passes no gradient, so nothing learns; sin(x) is not monotonic, so many inputs map to the same output.',
    },
    ko: {
      title: '나만의 활성화 함수 만들기',
      explain: '"Your own"을 고르고 x에 대한 식을 입력하세요: 엔진이 식을 해석하고 f′을 유도해 둘 다 컴파일합니다. JavaScript는 쓰지 않습니다. 여기서는 SiLU를 풀어 쓴 x * sigmoid(x)입니다. 그다음 sin(x)나 0*x처럼 학습할 수 없는 식도 해 보세요.',
      look: '결과 표에서 나만의 식과 내장 SiLU를 비교하고, 망가진 식에서는 진단 패널의 기울기 노름을 보세요.',
      question: '0*x는 왜 전혀 학습하지 못하고, sin(x)는 왜 잘 학습하지 못할까요?',
      expect: 'x * sigmoid(x)는 내장 SiLU와 똑같이 학습합니다 (정확도 차이 0.2%p 이내). 0*x는 기울기를 전달하지 않아 아무것도 학습하지 못하고, sin(x)는 단조롭지 않아 여러 입력이 같은 출력이 됩니다.',
    },
  },
  11: {
    en: {
      title: 'ReLU cuts the plane into straight pieces, tanh bends it',
      explain: 'Two hidden layers of 8 neurons learn the circle, once with ReLU and once with tanh. A ReLU network is piecewise linear: its output is made of flat pieces joined along straight lines. A tanh network is smooth everywhere.',
      look: 'The output heatmap and the neurons\' thumbnails: straight edges and corners for ReLU, curves for tanh. The figure is the share of grid cells where the output\'s logit has a second difference of 0.',
      question: 'Why can a sum of ReLUs only ever make straight edges, however many neurons you add?',
      expect: 'More than half of the plane is exactly linear under ReLU (the logit\'s second difference is 0 there); under tanh almost none of it is.',
    },
    ko: {
      title: 'ReLU는 평면을 직선 조각으로 자르고, tanh는 휘게 한다',
      explain: '뉴런 8개짜리 은닉층 두 개가 원 데이터를 한 번은 ReLU로, 한 번은 tanh로 학습합니다. ReLU 신경망은 조각별 선형입니다: 출력은 직선을 따라 이어진 평평한 조각들로 이루어집니다. tanh 신경망은 모든 곳에서 매끄럽습니다.',
      look: '출력 히트맵과 뉴런 썸네일을 보세요: ReLU는 곧은 모서리와 꼭짓점, tanh는 곡선입니다. 수치는 출력 로짓의 이계 차분이 0인 격자 칸의 비율입니다.',
      question: '뉴런을 아무리 늘려도 ReLU들의 합이 곧은 경계만 만들 수 있는 이유는 무엇일까요?',
      expect: 'ReLU에서는 평면의 절반 이상이 정확히 선형이고 (로짓의 이계 차분이 0), tanh에서는 거의 없습니다.',
    },
  },
  12: {
    en: {
      title: 'Dying ReLU, seen',
      explain: 'Six neurons start with a bias of −5: every ReLU neuron\'s input is below 0 on every point, so its output and its gradient are 0 and it never learns. Leaky ReLU keeps a small slope there.',
      look: 'The thumbnails: flat, and marked dead, for ReLU; alive for Leaky ReLU.',
      question: 'A dead ReLU neuron gets no gradient at all. What would bring it back, and why does Leaky ReLU not need that?',
      expect: 'At least half of the ReLU neurons are dead after training (f′ = 0 on every training point); no Leaky ReLU neuron is.',
    },
    ko: {
      title: 'Dying ReLU를 눈으로',
      explain: '뉴런 6개가 편향 −5로 시작합니다: 모든 점에서 ReLU 뉴런의 입력이 0보다 작아 출력과 기울기가 0이 되고, 뉴런은 전혀 학습하지 못합니다. Leaky ReLU는 그곳에서도 작은 기울기를 유지합니다.',
      look: '썸네일을 보세요: ReLU는 평평하고 죽은 뉴런으로 표시되며, Leaky ReLU는 살아 있습니다.',
      question: '죽은 ReLU 뉴런은 기울기를 전혀 받지 못합니다. 무엇이 그것을 되살릴 수 있고, Leaky ReLU는 왜 그럴 필요가 없을까요?',
      expect: '학습 후 ReLU 뉴런의 절반 이상이 죽어 있고 (모든 학습 점에서 f′ = 0), Leaky ReLU 뉴런은 하나도 죽지 않습니다.',
    },
  },
  13: {
    en: {
      title: 'Depth and saturation: six sigmoid layers',
      explain: 'Six hidden layers of 8 neurons on the spiral, with sigmoid, tanh and ReLU. Each sigmoid layer multiplies the gradient by σ′ ≤ 1/4, and its outputs are not centred on 0.',
      look: 'The test loss of each run, and the deep layers\' thumbnails: the sigmoid network\'s stay almost uniform.',
      question: 'Tanh is a rescaled sigmoid. Why does it train this deep network when sigmoid does not?',
      expect: 'After 300 epochs the sigmoid network is still near chance (test loss above 0.4), while tanh and ReLU solve the spiral (test loss below 0.2).',
    },
    ko: {
      title: '깊이와 포화: sigmoid 여섯 층',
      explain: '나선 데이터에서 뉴런 8개짜리 은닉층 여섯 개를 sigmoid, tanh, ReLU로 학습합니다. sigmoid 층마다 기울기에 σ′ ≤ 1/4이 곱해지고, 출력의 중심이 0이 아닙니다.',
      look: '각 실행의 테스트 손실과 깊은 층의 썸네일을 보세요: sigmoid 신경망의 썸네일은 거의 한 색입니다.',
      question: 'tanh는 sigmoid의 크기를 바꾼 것입니다. 그런데 왜 tanh는 이 깊은 신경망을 학습시키고 sigmoid는 그러지 못할까요?',
      expect: '300 에포크 뒤에도 sigmoid 신경망은 우연 수준에 머물고 (테스트 손실 0.4 이상), tanh와 ReLU는 나선을 풉니다 (테스트 손실 0.2 미만).',
    },
  },
};

/** A lesson's text in `lang` (English where a language lacks it). */
export function lessonText(ex, lang) {
  const text = LESSON_TEXT[ex.n];
  return text?.[lang] ?? text?.en;
}
