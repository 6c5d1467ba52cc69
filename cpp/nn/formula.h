// A learner's own activation: a formula in one variable x, parsed, differentiated
// symbolically and compiled by the engine (no JavaScript eval anywhere).
//
// The language: numbers, x, pi, e, + - * / ^, unary minus, parentheses, the
// functions exp log sqrt abs sin cos tanh sigmoid softplus erf min max, and
// where(condition, a, b) whose condition compares two expressions with
// < <= > >= == !=. At most 200 characters.
//
// f' is derived symbolically. At a kink the derivative takes a branch, as the
// built-ins do: where(c, a, b)' = where(c, a', b'); max(a, b)' = a' where a >= b
// (ties to the first argument, so max(0, x) has ReLU's f'(0) = 0), min likewise;
// abs'(0) = 0.
//
// Both f and f' compile to a compact program of register operations evaluated
// over blocks of values (a batch row at a time), not interpreted per element.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace nn {

/// A formula the engine cannot take: a one-line message and the 0-based
/// character position it refers to.
struct FormulaError : std::invalid_argument {
  FormulaError(const std::string& message, size_t position) : std::invalid_argument(message), position(position) {}
  size_t position;
};

constexpr size_t kMaxFormulaLength = 200;

/// A compiled formula: f and f' as register programs.
class Formula {
 public:
  /// Parses, differentiates and compiles; throws FormulaError.
  static std::shared_ptr<const Formula> compile(const std::string& text);
  /// How many compile() calls this process has made (a network compiles its
  /// formula once: the tests count).
  static uint64_t compilations();

  const std::string& text() const { return text_; }
  /// f and f' of one value (for curves and the double-precision checks).
  double f(double x) const;
  double df(double x) const;
  /// y[i] = f(x[i]); dx[i] = dy[i] f'(x[i]) (assigns): over blocks of values.
  void forward(const float* x, float* y, size_t n) const;
  void backward(const float* x, const float* dy, float* dx, size_t n) const;
  /// The derivative as text (for the page), and the sizes of the programs.
  const std::string& derivative_text() const { return derivative_text_; }
  /// f as a Python expression in x: torch operations, or keras.ops (`ops`) ones,
  /// for the exported notebook code (comparisons become 0/1 floats).
  const std::string& python(bool keras) const { return keras ? python_keras_ : python_torch_; }
  size_t forward_ops() const;
  size_t backward_ops() const;

  struct Program;

 private:
  std::string text_, derivative_text_, python_torch_, python_keras_;
  std::shared_ptr<const Program> f_, df_;
};

}  // namespace nn
