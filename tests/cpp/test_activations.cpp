// Activation values against reference constants, derivatives against central
// differences in double, numerical safety at extreme inputs, and the table.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "nn/activations.h"

using nn::Activation;

namespace {

double f(Activation k, double x, nn::ActParams p = {}) {
  double y;
  nn::activation_forward(k, p, &x, &y, 1);
  return y;
}
double df(Activation k, double x, nn::ActParams p = {}) {
  double y, d;
  nn::activation_curve(k, p, &x, &y, &d, 1);
  return d;
}
nn::ActParams params_of(Activation k) { return nn::resolve_params(nn::activation_info(k), {}); }

}  // namespace

// Reference values computed independently (Python's math module) and written in.
TEST(Activations, ValuesMatchReferenceConstants) {
  EXPECT_DOUBLE_EQ(f(Activation::sigmoid, 0.0), 0.5);
  EXPECT_NEAR(f(Activation::sigmoid, 1.0), 0.7310585786300049, 1e-15);
  EXPECT_NEAR(f(Activation::sigmoid, -2.0), 0.11920292202211755, 1e-15);
  EXPECT_NEAR(f(Activation::sigmoid, 5.0), 0.9933071490757153, 1e-15);
  EXPECT_NEAR(f(Activation::sigmoid, -10.0), 4.5397868702434395e-05, 1e-18);
  EXPECT_NEAR(f(Activation::tanh, 0.5), 0.46211715726000974, 1e-15);
  EXPECT_NEAR(f(Activation::tanh, -1.0), -0.7615941559557649, 1e-15);
  EXPECT_EQ(f(Activation::relu, -1.0), 0.0);
  EXPECT_EQ(f(Activation::relu, 2.5), 2.5);
  EXPECT_DOUBLE_EQ(f(Activation::leaky_relu, -2.0, params_of(Activation::leaky_relu)), -0.02);
  EXPECT_EQ(f(Activation::leaky_relu, 3.0, params_of(Activation::leaky_relu)), 3.0);
  nn::ActParams quarter;
  quarter.v[0] = 0.25;
  EXPECT_DOUBLE_EQ(f(Activation::prelu, -2.0, quarter), -0.5);
  EXPECT_EQ(f(Activation::prelu, -2.0, params_of(Activation::prelu)), 0.0);  // Keras init alpha = 0
  EXPECT_NEAR(f(Activation::elu, -1.0, params_of(Activation::elu)), -0.6321205588285577, 1e-15);
  EXPECT_EQ(f(Activation::elu, 2.0, params_of(Activation::elu)), 2.0);
  nn::ActParams half;
  half.v[0] = 0.5;
  EXPECT_NEAR(f(Activation::elu, -3.0, half), -0.475106465816068, 1e-15);
  EXPECT_EQ(f(Activation::linear, -7.25), -7.25);
  // Maxout curve, k = 2: max(-0.5x, x).
  EXPECT_DOUBLE_EQ(f(Activation::maxout, -2.0, params_of(Activation::maxout)), 1.0);
  EXPECT_DOUBLE_EQ(f(Activation::maxout, 3.0, params_of(Activation::maxout)), 3.0);
}

TEST(Activations, DerivativesMatchReferenceConstants) {
  EXPECT_DOUBLE_EQ(df(Activation::sigmoid, 0.0), 0.25);
  EXPECT_NEAR(df(Activation::tanh, 0.5), 0.7864477329659274, 1e-15);
  EXPECT_NEAR(df(Activation::elu, -1.0, params_of(Activation::elu)), 0.36787944117144233, 1e-15);
  EXPECT_EQ(df(Activation::relu, -0.5), 0.0);
  EXPECT_EQ(df(Activation::relu, 0.5), 1.0);
  EXPECT_EQ(df(Activation::relu, 0.0), 0.0);  // TensorFlow's choice at the kink
  EXPECT_DOUBLE_EQ(df(Activation::leaky_relu, -0.5, params_of(Activation::leaky_relu)), 0.01);
  EXPECT_DOUBLE_EQ(df(Activation::maxout, -2.0, params_of(Activation::maxout)), -0.5);
}

TEST(Activations, TanhIsTwoSigmoidOfTwoXMinusOne) {
  for (double x = -8; x <= 8; x += 0.37)
    EXPECT_NEAR(f(Activation::tanh, x), 2 * f(Activation::sigmoid, 2 * x) - 1, 1e-14) << x;
}

// Central differences in double (eps 1e-6, atol 1e-5, rtol 1e-3), away from the
// kink at 0 of the piecewise functions, where f' is one-sided by definition.
TEST(Activations, DerivativeMatchesCentralDifference) {
  const double eps = 1e-6;
  for (const auto& info : nn::activation_table()) {
    nn::ActParams p = nn::resolve_params(info, {});
    if (info.kind == Activation::prelu) p.v[0] = 0.2;
    for (double x = -6.03; x <= 6; x += 0.113) {
      if (std::fabs(x) < 1e-3) continue;  // kink of relu, leaky, prelu, elu (alpha != 1), maxout
      const double numeric = (f(info.kind, x + eps, p) - f(info.kind, x - eps, p)) / (2 * eps);
      const double analytic = df(info.kind, x, p);
      EXPECT_NEAR(analytic, numeric, 1e-5 + 1e-3 * std::fabs(numeric)) << info.id << " at x=" << x;
    }
  }
}

TEST(Activations, ExtremeInputsStayFinite) {
  const double xs[] = {-1e30, -1e4, -150, -88.8, 88.8, 150, 1e4, 1e30};
  for (const auto& info : nn::activation_table()) {
    const nn::ActParams p = nn::resolve_params(info, {});
    for (double x : xs) {
      const float xf = static_cast<float>(x);
      float yf, dyf;
      nn::activation_curve(info.kind, p, &xf, &yf, &dyf, 1);
      double yd, dyd;
      nn::activation_curve(info.kind, p, &x, &yd, &dyd, 1);
      EXPECT_TRUE(std::isfinite(yf) && std::isfinite(dyf)) << info.id << " float at " << x;
      EXPECT_TRUE(std::isfinite(yd) && std::isfinite(dyd)) << info.id << " double at " << x;
    }
  }
  EXPECT_EQ(f(Activation::sigmoid, -1e4), 0.0);
  EXPECT_EQ(f(Activation::sigmoid, 1e4), 1.0);
  EXPECT_EQ(f(Activation::elu, -1e4, params_of(Activation::elu)), -1.0);
  EXPECT_TRUE(std::isnan(f(Activation::sigmoid, std::numeric_limits<double>::quiet_NaN())));
}

TEST(Activations, SigmoidIsNotZeroCentredTanhIs) {
  // The note: sigmoid is centred on 1/2, tanh on 0.
  EXPECT_DOUBLE_EQ(f(Activation::sigmoid, 0), 0.5);
  EXPECT_DOUBLE_EQ(f(Activation::tanh, 0), 0.0);
  for (double x = 0.5; x < 5; x += 0.5) {
    EXPECT_NEAR(f(Activation::sigmoid, x) + f(Activation::sigmoid, -x), 1.0, 1e-15);
    EXPECT_NEAR(f(Activation::tanh, x) + f(Activation::tanh, -x), 0.0, 1e-15);
  }
  // and its gradient is at most 1/4
  for (double x = -5; x < 5; x += 0.01) EXPECT_LE(df(Activation::sigmoid, x), 0.25);
}

TEST(ActivationTable, HasTheSevenOfTheNotePlusLinear) {
  std::set<std::string> ids;
  for (const auto& a : nn::activation_table()) {
    EXPECT_TRUE(ids.insert(a.id).second) << "duplicate id " << a.id;
    EXPECT_NE(std::string(a.name), "");
    EXPECT_NE(std::string(a.formula), "");
    EXPECT_NE(std::string(a.derivative), "");
    EXPECT_EQ(&nn::activation_info(a.kind), &a) << "table order must follow the enum";
    for (const auto& p : a.params) {
      EXPECT_LE(p.min, p.default_value);
      EXPECT_GE(p.max, p.default_value);
    }
  }
  // The note's seven and the linear control; the rest of the table is read, not listed here.
  for (const char* id : {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "maxout", "custom"})
    EXPECT_EQ(ids.count(id), 1u) << id;
  EXPECT_EQ(nn::activation_info("leaky_relu").params.at(0).default_value, 0.01);  // the note's value
  EXPECT_EQ(nn::activation_info("elu").params.at(0).default_value, 1.0);          // Keras
  EXPECT_EQ(nn::activation_info("prelu").params.at(0).default_value, 0.0);        // Keras
  EXPECT_EQ(nn::activation_info("maxout").params.at(0).default_value, 2.0);
}

TEST(ActivationTable, RejectsBadNamesAndParameters) {
  try {
    nn::activation_info("swish");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown activation 'swish'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("leaky_relu"), std::string::npos);
  }
  const auto& leaky = nn::activation_info("leaky_relu");
  EXPECT_EQ(nn::resolve_params(leaky, {{"slope", 0.2}}).v[0], 0.2);
  EXPECT_THROW(nn::resolve_params(leaky, {{"slope", -1}}), std::invalid_argument);
  EXPECT_THROW(nn::resolve_params(leaky, {{"slope", std::nan("")}}), std::invalid_argument);
  EXPECT_THROW(nn::resolve_params(leaky, {{"alpha", 0.2}}), std::invalid_argument);
  EXPECT_THROW(nn::resolve_params(nn::activation_info("maxout"), {{"k", 2.5}}), std::invalid_argument);
  EXPECT_THROW(nn::resolve_params(nn::activation_info("maxout"), {{"k", 1}}), std::invalid_argument);
  EXPECT_THROW(nn::resolve_params(nn::activation_info("relu"), {{"slope", 0.1}}), std::invalid_argument);
}

// flows(x) (the dead-unit rule) agrees with f'(x) != 0 in double wherever the
// slope does not underflow, for every activation and a few parameter values.
TEST(Activations, FlowsIsExactlyWhereTheDerivativeIsNonZero) {
  for (const auto& info : nn::activation_table())
    for (double pv : {0.0, 0.01, 0.5}) {
      std::map<std::string, double> values;
      if (!info.params.empty())
        values[info.params[0].id] =
            info.params[0].integer ? std::min(info.params[0].max, 2.0) : std::max(info.params[0].min, pv);
      const nn::ActParams p = nn::resolve_params(info, values);
      // [-5, 5]: further out, smooth slopes (GELU's tanh form, sigmoid) underflow
      // to exactly 0 in double though they are not zero: "saturated", not dead.
      for (double x = -5; x <= 5; x += 0.25) {
        const bool flows = nn::visit_activation(info.kind, [&](auto fn) { return decltype(fn)::flows(x, p); });
        const double slope = nn::visit_activation(info.kind, [&](auto fn) {
          using Fn = decltype(fn);
          return Fn::df(x, Fn::f(x, p), p);
        });
        EXPECT_EQ(flows, slope != 0.0) << info.id << " p=" << pv << " x=" << x;
      }
    }
}

// The activations after the note against double-precision references (Python's
// math module: erfc, tanh, log1p, expm1 written out in each formula; GELU's tanh
// form as x sigmoid(2u), its exact equal without cancellation, cut at |x| > 10) at 23 points
// from -1e30 to 1e30: relative error <= 1e-6 in double, <= 2e-6 in float (values
// in float's denormal range compared absolutely).
namespace {
struct Ref {
  double x, y, dy;
};
const std::vector<std::pair<std::string, std::vector<Ref>>> kAfterTheNote = {
    {"gelu",
     {{-1e+30, -0.0, 0.0},
      {-100, -0.0, 0.0},
      {-20, -5.507248237212663e-88, -1.1014360483133464e-86},
      {-10, -7.619853024160593e-23, -7.618400096464813e-22},
      {-5, -1.4332578593959731e-06, -7.146946001792295e-06},
      {-3, -0.004049694094890287, -0.011945647204183927},
      {-2, -0.04550026389635844, -0.0852318010781969},
      {-1.5, -0.10021080190328713, -0.12746919222997954},
      {-1, -0.15865525393145707, -0.08331547058768629},
      {-0.5, -0.15426876936299344, 0.13250487534383712},
      {-0.1, -0.0460172162722971, 0.4204769079752698},
      {0, 0.0, 0.5},
      {0.1, 0.053982783727702904, 0.5795230920247302},
      {0.5, 0.34573123063700656, 0.8674951246561629},
      {1, 0.8413447460685429, 1.0833154705876864},
      {1.5, 1.399789198096713, 1.1274691922299795},
      {2, 1.9544997361036416, 1.085231801078197},
      {3, 2.99595030590511, 1.011945647204184},
      {5, 4.99999856674214, 1.0000071469460017},
      {10, 10.0, 1.0},
      {20, 20.0, 1.0},
      {100, 100.0, 1.0},
      {1e+30, 1e+30, 1.0}}},
    {"gelu_tanh",
     {{-1e+30, -0.0, 0.0},
      {-100, -0.0, 0.0},
      {-20, -0.0, 0.0},
      {-10, -1.2040923482098023e-37, -2.757638063854023e-36},
      {-5, -2.291796196629504e-07, -1.5463619875325931e-06},
      {-3, -0.0036373920817730195, -0.011584166630969728},
      {-2, -0.045402305912224966, -0.08609925662361835},
      {-1.5, -0.10042842301976704, -0.12771079315143302},
      {-1, -0.15880800939172326, -0.08296408384578255},
      {-0.5, -0.15428599017485609, 0.1326300964653577},
      {-0.1, -0.04601724895456484, 0.4204782107282433},
      {0, 0.0, 0.5},
      {0.1, 0.05398275104543518, 0.5795217892717568},
      {0.5, 0.34571400982514394, 0.8673699035346424},
      {1, 0.8411919906082768, 1.0829640838457826},
      {1.5, 1.3995715769802328, 1.127710793151433},
      {2, 1.9545976940877752, 1.086099256623618},
      {3, 2.9963626079182273, 1.011584166630969},
      {5, 4.999999770820381, 1.0000015463619842},
      {10, 10.0, 1.0},
      {20, 20, 1.0},
      {100, 100, 1.0},
      {1e+30, 1e+30, 1.0}}},
    {"silu",
     {{-1e+30, -0.0, 0.0},
      {-100, -3.7200759760208363e-42, -3.682875216260628e-42},
      {-20, -4.1223072363804067e-08, -3.916191866064678e-08},
      {-10, -0.00045397868702434395, -0.0004085602086570823},
      {-5, -0.03346425462142428, -0.026547432429665917},
      {-3, -0.14227761953270035, -0.08810410601516962},
      {-2, -0.2384058440442351, -0.09078424878489547},
      {-1.5, -0.27363828570953447, -0.04129415429914293},
      {-1, -0.2689414213699951, 0.07232948812851325},
      {-0.5, -0.18877033439907273, 0.26003881269734824},
      {-0.1, -0.047502081252106004, 0.4500832085017708},
      {0, 0.0, 0.5},
      {0.1, 0.052497918747894, 0.5499167914982293},
      {0.5, 0.3112296656009273, 0.7399611873026518},
      {1, 0.7310585786300049, 0.9276705118714867},
      {1.5, 1.2263617142904655, 1.041294154299143},
      {2, 1.7615941559557646, 1.0907842487848955},
      {3, 2.8577223804673, 1.0881041060151695},
      {5, 4.966535745378576, 1.0265474324296655},
      {10, 9.999546021312977, 1.0004085602086568},
      {20, 19.999999958776925, 1.0000000391619202},
      {100, 100.0, 1.0},
      {1e+30, 1e+30, 1.0}}},
    {"mish",
     {{-1e+30, -0.0, 0.0},
      {-100, -3.7200759760208363e-42, -3.682875216260628e-42},
      {-20, -4.122307240628762e-08, -3.9161918743489685e-08},
      {-10, -0.00045398899185674697, -0.0004085797869029919},
      {-5, -0.033576237730161704, -0.02674749801990194},
      {-3, -0.1456474612756246, -0.09339311453232084},
      {-2, -0.2525014826957089, -0.1083550924203939},
      {-1.5, -0.29809974216680674, -0.06409781589225863},
      {-1, -0.30340146137410895, 0.059216755877395},
      {-0.5, -0.22074377465173, 0.2895106779135122},
      {-0.1, -0.05678857521284473, 0.5357028178729798},
      {0, 0.0, 0.6},
      {0.1, 0.06317941749148973, 0.6633368207519952},
      {0.5, 0.3752452113048951, 0.8864243753577272},
      {1, 0.8650983882673103, 1.0490362200997922},
      {1.5, 1.4033782663958028, 1.0884879850078475},
      {2, 1.9439589595339946, 1.0693179342794896},
      {3, 2.9865350049679575, 1.0211069109294435},
      {5, 4.999552077529406, 1.0008002248320829},
      {10, 9.999999958780672, 1.0000000783129828},
      {20, 20.0, 1.0},
      {100, 100.0, 1.0},
      {1e+30, 1e+30, 1.0}}},
    {"selu",
     {{-1e+30, -1.7580993408473766, 0.0},
      {-100, -1.7580993408473766, 6.540263121344393e-44},
      {-20, -1.758099337223664, 3.6237128249944113e-09},
      {-10, -1.7580195232607867, 7.981758658994182e-05},
      {-5, -1.7462533606696198, 0.011845980177756718},
      {-3, -1.6705687287671118, 0.08753061208026487},
      {-2, -1.5201664685956948, 0.2379328722516818},
      {-1.5, -1.3658143533672527, 0.392284987480124},
      {-1, -1.1113307378125625, 0.646768603034814},
      {-0.5, -0.6917581878028713, 1.0663411530445053},
      {-0.1, -0.16730527262431394, 1.5907940682230626},
      {0, 0.0, 1.7580993408473766},
      {0.1, 0.10507009873554805, 1.0507009873554805},
      {0.5, 0.5253504936777402, 1.0507009873554805},
      {1, 1.0507009873554805, 1.0507009873554805},
      {1.5, 1.5760514810332207, 1.0507009873554805},
      {2, 2.101401974710961, 1.0507009873554805},
      {3, 3.1521029620664414, 1.0507009873554805},
      {5, 5.253504936777402, 1.0507009873554805},
      {10, 10.507009873554804, 1.0507009873554805},
      {20, 21.014019747109607, 1.0507009873554805},
      {100, 105.07009873554804, 1.0507009873554805},
      {1e+30, 1.0507009873554804e+30, 1.0507009873554805}}},
    {"softplus",
     {{-1e+30, 0.0, 0.0},
      {-100, 3.720075976020836e-44, 3.720075976020836e-44},
      {-20, 2.061153620314381e-09, 2.0611536181902033e-09},
      {-10, 4.539889921686465e-05, 4.5397868702434395e-05},
      {-5, 0.006715348489118068, 0.006692850924284856},
      {-3, 0.04858735157374206, 0.04742587317756679},
      {-2, 0.1269280110429725, 0.11920292202211755},
      {-1.5, 0.2014132779827524, 0.18242552380635632},
      {-1, 0.31326168751822286, 0.2689414213699951},
      {-0.5, 0.4740769841801067, 0.37754066879814546},
      {-0.1, 0.6443966600735709, 0.47502081252106},
      {0, 0.6931471805599453, 0.5},
      {0.1, 0.7443966600735709, 0.52497918747894},
      {0.5, 0.9740769841801067, 0.6224593312018546},
      {1, 1.3132616875182228, 0.7310585786300049},
      {1.5, 1.7014132779827524, 0.8175744761936437},
      {2, 2.1269280110429727, 0.8807970779778823},
      {3, 3.048587351573742, 0.9525741268224334},
      {5, 5.006715348489118, 0.9933071490757153},
      {10, 10.000045398899218, 0.9999546021312976},
      {20, 20.000000002061153, 0.9999999979388463},
      {100, 100.0, 1.0},
      {1e+30, 1e+30, 1.0}}},
};
}  // namespace

TEST(Activations, AfterTheNoteMatchDoubleReferences) {
  for (const auto& [name, refs] : kAfterTheNote) {
    const std::string id = name == "gelu_tanh" ? "gelu" : name;
    const auto& info = nn::activation_info(id);
    const nn::ActParams p =
        nn::resolve_params(info, name == "gelu_tanh" ? std::map<std::string, double>{{"approximate", 1}}
                                                     : std::map<std::string, double>{});
    ASSERT_GE(refs.size(), 20u);
    for (const Ref& r : refs) {
      double y, dy;
      nn::activation_curve(info.kind, p, &r.x, &y, &dy, 1);
      EXPECT_NEAR(y, r.y, 1e-6 * std::fabs(r.y) + 1e-300) << name << " f(" << r.x << ")";
      EXPECT_NEAR(dy, r.dy, 1e-6 * std::fabs(r.dy) + 1e-300) << name << " f'(" << r.x << ")";
      const float xf = static_cast<float>(r.x);
      float yf, dyf;
      nn::activation_curve(info.kind, p, &xf, &yf, &dyf, 1);
      EXPECT_NEAR(yf, r.y, 2e-6 * std::fabs(r.y) + 1e-37) << name << " float f(" << r.x << ")";
      EXPECT_NEAR(dyf, r.dy, 2e-6 * std::fabs(r.dy) + 1e-37) << name << " float f'(" << r.x << ")";
    }
  }
  // The tables' own identities.
  EXPECT_NEAR(f(Activation::selu, -1e4), -1.0507009873554805 * 1.6732632423543772, 1e-12);
  EXPECT_DOUBLE_EQ(f(Activation::softplus, 0.0), std::log(2.0));
}

// Every built-in row of the table has reference values: the note's seven and
// linear in the constants tests above, every later one in kAfterTheNote. A new
// activation fails here until its references are written in.
TEST(ActivationTable, EveryBuiltInHasReferenceValues) {
  const std::set<std::string> in_constants = {"linear",     "sigmoid", "tanh", "relu",
                                              "leaky_relu", "prelu",   "elu",  "maxout"};
  for (const auto& info : nn::activation_table()) {
    if (info.kind == Activation::custom)
      continue;  // the learner's formula: checked against every built-in in test_formula
    const bool referenced =
        in_constants.count(info.id) > 0 || std::any_of(std::begin(kAfterTheNote), std::end(kAfterTheNote),
                                                       [&](const auto& entry) { return entry.first == info.id; });
    EXPECT_TRUE(referenced) << info.id << " has no reference values";
  }
}

// Every row of the table carries its claim in both languages.
TEST(ActivationTable, EveryClaimIsInEnglishAndKorean) {
  for (const auto& info : nn::activation_table()) {
    EXPECT_GT(std::string(info.summary).size(), 20u) << info.id;
    const std::string ko = info.summary_ko;
    EXPECT_GT(ko.size(), 20u) << info.id;
    EXPECT_NE(ko.find("\xEB"), std::string::npos) << info.id << ": no Hangul";  // lead byte of most Hangul syllables
    for (const auto& p : info.params) {                                         // and every parameter its name and help
      EXPECT_GT(std::string(p.name_ko ? p.name_ko : "").size(), 2u) << info.id << "." << p.id;
      EXPECT_GT(std::string(p.help_ko ? p.help_ko : "").size(), 20u) << info.id << "." << p.id;
    }
  }
}
