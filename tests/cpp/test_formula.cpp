// A learner's own activation: parsed, differentiated and compiled by the engine.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/activations.h"
#include "nn/formula.h"
#include "nn/rng.h"

namespace {

std::string error_of(const std::string& text, size_t* position = nullptr) {
  try {
    nn::Formula::compile(text);
  } catch (const nn::FormulaError& e) {
    if (position) *position = e.position;
    return e.what();
  }
  return "";
}

}  // namespace

// Each built-in, written as a formula, gives its values and derivatives.
TEST(Formula, BuiltInsWrittenAsFormulasMatchTheTable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"silu", "x * sigmoid(x)"},
      {"relu", "max(0, x)"},
      {"leaky_relu", "max(0.01*x, x)"},
      {"elu", "where(x > 0, x, exp(x) - 1)"},
      {"sigmoid", "sigmoid(x)"},
      {"tanh", "tanh(x)"},
      {"softplus", "softplus(x)"},
      {"mish", "x * tanh(log(1 + exp(x)))"},
      {"gelu", "0.5 * x * (1 + erf(x / sqrt(2)))"},
      {"linear", "x"},
  };
  for (const auto& [id, text] : cases) {
    const auto formula = nn::Formula::compile(text);
    const auto& info = nn::activation_info(id);
    const nn::ActParams p = nn::resolve_params(info, {});
    for (double x = -6.05; x <= 6; x += 0.1) {
      const double y = nn::visit_activation(info.kind, [&](auto fn) { return decltype(fn)::f(x, p); });
      const double dy =
          nn::visit_activation(info.kind, [&](auto fn) { return decltype(fn)::df(x, decltype(fn)::f(x, p), p); });
      EXPECT_NEAR(formula->f(x), y, 1e-12 + 1e-9 * std::fabs(y)) << text << " at " << x;
      EXPECT_NEAR(formula->df(x), dy, 1e-12 + 1e-9 * std::fabs(dy)) << text << "' at " << x;
      // The float block programs, as training runs them.
      const float xf = static_cast<float>(x), one = 1.f;
      float yf, dyf;
      formula->forward(&xf, &yf, 1);
      formula->backward(&xf, &one, &dyf, 1);
      EXPECT_NEAR(yf, y, 2e-6 * std::fabs(y) + 1e-6) << text << " float at " << x;
      EXPECT_NEAR(dyf, dy, 2e-6 * std::fabs(dy) + 1e-6) << text << "' float at " << x;
    }
  }
  // Kinks take a branch as the built-ins do.
  EXPECT_EQ(nn::Formula::compile("max(0, x)")->df(0), 0.0);
  EXPECT_EQ(nn::Formula::compile("abs(x)")->df(0), 0.0);
  EXPECT_EQ(nn::Formula::compile("where(x > 0, x, 0.5*x)")->df(0), 0.5);
}

TEST(Formula, DerivativeMatchesCentralDifferences) {
  for (const char* text : {"x^3 - 2*x", "sin(x) * cos(2*x)", "x / (1 + abs(x))", "sqrt(x*x + 1)", "2^x", "pi * e * x",
                           "min(x, 1) + max(-1, x)", "x * sigmoid(1.5*x)", "log(1 + x*x)", "-x^2"}) {
    const auto f = nn::Formula::compile(text);
    for (double x = -2.97; x <= 3; x += 0.31) {
      const double num = (f->f(x + 1e-6) - f->f(x - 1e-6)) / 2e-6;
      EXPECT_NEAR(f->df(x), num, 1e-5 + 1e-3 * std::fabs(num)) << text << " at " << x;
    }
  }
  EXPECT_EQ(nn::Formula::compile("-x^2")->f(3), -9.0);  // unary minus binds looser than ^
}

TEST(Formula, BadFormulasSayWhatAndWhere) {
  size_t at = 99;
  EXPECT_EQ(error_of("sigmod(x)", &at), "unknown function 'sigmod' at 0 \xE2\x80\x94 did you mean sigmoid?");
  EXPECT_EQ(at, 0u);
  EXPECT_EQ(error_of("x * sigmod(x)", &at), "unknown function 'sigmod' at 4 \xE2\x80\x94 did you mean sigmoid?");
  EXPECT_EQ(at, 4u);
  EXPECT_EQ(error_of("x * (1 + x + 2*(x", &at), "')' expected at 17");
  EXPECT_EQ(error_of("max(0, x) + (x * 2 + 1", &at), "')' expected at 22");
  EXPECT_EQ(error_of(""), "the formula is empty");
  EXPECT_EQ(error_of("y + 1", &at), "unknown name 'y' at 0");
  EXPECT_NE(error_of("x > 0").find("comparisons belong inside where"), std::string::npos);
  EXPECT_NE(error_of("where(x, 1, 2)").find("a comparison"), std::string::npos);
  EXPECT_NE(error_of("max(x)").find("'max' takes 2 arguments"), std::string::npos);
  EXPECT_NE(error_of("exp(x, 2)").find("'exp' takes 1 argument, more given"), std::string::npos);
  EXPECT_NE(error_of(std::string(201, 'x')).find("longer than 200"), std::string::npos);
  EXPECT_NE(error_of("alert('hi')").find("unknown function 'alert'"), std::string::npos);
  EXPECT_NE(error_of(std::string(90, '(') + "x" + std::string(90, ')')).find("nests too deeply"), std::string::npos);
}

// Random and mutated formulas: every one compiles or is refused with a message
// and a position inside it; nothing crashes or hangs.
TEST(Formula, HundredThousandRandomAndMutatedFormulas) {
  const std::vector<std::string> seeds = {"x * sigmoid(x)",
                                          "max(0.1*x, x)",
                                          "x * tanh(log(1 + exp(x)))",
                                          "where(x > 0, x, 0.5*(exp(x) - 1))",
                                          "sin(x)",
                                          "0*x",
                                          "-x^2 + pi/e"};
  const std::string alphabet = "x0123456789.+-*/^(),<>=! epistanhgmodlwrqfbcu_";
  nn::Rng rng(7);
  size_t accepted = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string s = seeds[rng.below(seeds.size())];
    const int edits = 1 + static_cast<int>(rng.below(6));
    for (int k = 0; k < edits; ++k) {
      const size_t pos = s.empty() ? 0 : rng.below(s.size() + 1);
      const char c = alphabet[rng.below(alphabet.size())];
      switch (rng.below(3)) {
        case 0:
          s.insert(s.begin() + static_cast<long>(pos), c);
          break;
        case 1:
          if (pos < s.size()) s.erase(s.begin() + static_cast<long>(pos));
          break;
        default:
          if (pos < s.size()) s[pos] = c;
          break;
      }
    }
    if (i % 10 == 0) {  // and wholly random strings
      s.clear();
      for (size_t k = rng.below(40); k > 0; --k) s += alphabet[rng.below(alphabet.size())];
    }
    try {
      const auto f = nn::Formula::compile(s);
      ++accepted;
      (void)f->f(0.5);
      (void)f->df(-0.5);
    } catch (const nn::FormulaError& e) {
      ASSERT_FALSE(std::string(e.what()).empty()) << s;
      ASSERT_LE(e.position, std::max<size_t>(s.size(), nn::kMaxFormulaLength)) << s;
    }
  }
  EXPECT_GT(accepted, 1000u);  // the mutations do not only make garbage
}

// f' as the page shows it and f as the exported PyTorch and Keras code spell it
// (one table of infix operators for both):
// every infix operator, each comparison (0 or 1, inside where), a function.
TEST(Formula, TextAndPythonSpellEveryOperator) {
  const auto f = nn::Formula::compile(
      "where(x > 0, x ^ 3, x / 2) - where(x <= 1, exp(-x), x) * where(x < 2, 1, where(x >= 3, 2, where(x == 4, 3, "
      "where(x != 5, 4, 5)))) + max(x, 2)");
  EXPECT_EQ(f->derivative_text(),
            "((where(x > 0, (3 * (x ^ 2)), 0.5) - (where(x <= 1, (exp(-x) * -1), 1) * where(x < 2, 1, where(x >= 3, 2, "
            "where(x == 4, 3, where(x != 5, 4, 5)))))) + where(x >= 2, 1, 0))");
  EXPECT_EQ(f->python(false),
            "((torch.where(_f(x > (0.0)) != 0, (x ** (3.0)), (x / (2.0))) - (torch.where(_f(x <= (1.0)) != 0, "
            "torch.exp((-x)), x) * torch.where(_f(x < (2.0)) != 0, _c(1.0), torch.where(_f(x >= (3.0)) != 0, _c(2.0), "
            "torch.where(_f(x == (4.0)) != 0, _c(3.0), torch.where(_f(x != (5.0)) != 0, _c(4.0), _c(5.0))))))) + "
            "torch.maximum(x, _c(2.0)))");
  EXPECT_EQ(f->python(true),
            "((ops.where(ops.cast(x > (0.0), \"float32\") != 0, (x ** (3.0)), (x / (2.0))) - (ops.where(ops.cast(x <= "
            "(1.0), \"float32\") != 0, ops.exp((-x)), x) * ops.where(ops.cast(x < (2.0), \"float32\") != 0, (1.0), "
            "ops.where(ops.cast(x >= (3.0), \"float32\") != 0, (2.0), ops.where(ops.cast(x == (4.0), \"float32\") != "
            "0, (3.0), ops.where(ops.cast(x != (5.0), \"float32\") != 0, (4.0), (5.0))))))) + ops.maximum(x, (2.0)))");
}
