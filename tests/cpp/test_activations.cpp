// Activation values against reference constants, derivatives against central
// differences in double, numerical safety at extreme inputs, and the table.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

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
  EXPECT_EQ(ids, (std::set<std::string>{"linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "maxout"}));
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
      if (!info.params.empty()) values[info.params[0].id] = info.params[0].integer ? 2.0 : pv;
      const nn::ActParams p = nn::resolve_params(info, values);
      for (double x = -8; x <= 8; x += 0.25) {
        const bool flows = nn::visit_activation(info.kind, [&](auto fn) { return decltype(fn)::flows(x, p); });
        const double slope = nn::visit_activation(info.kind, [&](auto fn) {
          using Fn = decltype(fn);
          return Fn::df(x, Fn::f(x, p), p);
        });
        EXPECT_EQ(flows, slope != 0.0) << info.id << " p=" << pv << " x=" << x;
      }
    }
}
