#include "formula.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <tuple>
#include <type_traits>

#include "kernels.h"
#include "text.h"
#include "vmath.h"

namespace nn {

using simd::v4f;
namespace {

enum class Op {
  constant,
  x,
  add,
  sub,
  mul,
  div,
  pow,
  neg,
  exp,
  log,
  sqrt,
  abs,
  sin,
  cos,
  tanh,
  sigmoid,
  softplus,
  erf,
  min,
  max,
  where,
  lt,
  le,
  gt,
  ge,
  eq,
  ne,
};

struct Node {
  Op op;
  double value = 0;  // constant
  int a = -1, b = -1, c = -1;
};

struct FunctionInfo {
  const char* name;
  Op op;
  int arity;
};
const FunctionInfo kFunctions[] = {
    {"exp", Op::exp, 1},           {"log", Op::log, 1}, {"sqrt", Op::sqrt, 1}, {"abs", Op::abs, 1},
    {"sin", Op::sin, 1},           {"cos", Op::cos, 1}, {"tanh", Op::tanh, 1}, {"sigmoid", Op::sigmoid, 1},
    {"softplus", Op::softplus, 1}, {"erf", Op::erf, 1}, {"min", Op::min, 2},   {"max", Op::max, 2},
    {"where", Op::where, 3},
};

/// The infix operators, as f's text and as Python spell them (a comparison is
/// 0 or 1 and printed without parentheses in the text).
struct Infix {
  Op op;
  const char* text;
  const char* python;
  bool comparison;
};
const Infix kInfix[] = {
    {Op::add, "+", "+", false},  {Op::sub, "-", "-", false}, {Op::mul, "*", "*", false}, {Op::div, "/", "/", false},
    {Op::pow, "^", "**", false}, {Op::lt, "<", "<", true},   {Op::le, "<=", "<=", true}, {Op::gt, ">", ">", true},
    {Op::ge, ">=", ">=", true},  {Op::eq, "==", "==", true}, {Op::ne, "!=", "!=", true},
};
const Infix* infix(Op op) {
  for (const auto& i : kInfix)
    if (i.op == op) return &i;
  return nullptr;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

/// The expression DAG: nodes are interned (one node per distinct expression),
/// built with constant folding and the usual identities.
class Graph {
 public:
  std::vector<Node> nodes;

  int constant(double v) { return intern({Op::constant, v}); }
  int x() { return intern({Op::x}); }

  int make(Op op, int a, int b = -1, int c = -1) {
    const bool ca = a >= 0 && is_const(a), cb = b < 0 || is_const(b), cc = c < 0 || is_const(c);
    if (ca && cb && cc && op != Op::x)
      return constant(eval_node(op, value(a), b >= 0 ? value(b) : 0, c >= 0 ? value(c) : 0));
    switch (op) {
      case Op::add:
        if (is(a, 0)) return b;
        if (is(b, 0)) return a;
        break;
      case Op::sub:
        if (is(b, 0)) return a;
        if (is(a, 0)) return make(Op::neg, b);
        if (a == b) return constant(0);
        break;
      case Op::mul:
        if (is(a, 0) || is(b, 0)) return constant(0);
        if (is(a, 1)) return b;
        if (is(b, 1)) return a;
        break;
      case Op::div:
        if (is(a, 0)) return constant(0);
        if (is(b, 1)) return a;
        break;
      case Op::pow:
        if (is(b, 1)) return a;
        if (is(b, 0)) return constant(1);
        break;
      case Op::neg:
        if (nodes[a].op == Op::neg) return nodes[a].a;
        break;
      case Op::where:
        if (b == c) return b;
        break;
      default:
        break;
    }
    return intern({op, 0, a, b, c});
  }

  bool is_const(int i) const { return nodes[i].op == Op::constant; }
  double value(int i) const { return nodes[i].value; }
  bool is(int i, double v) const { return is_const(i) && value(i) == v; }

  static double eval_node(Op op, double a, double b, double c) {
    switch (op) {
      case Op::constant:
        return a;
      case Op::add:
        return a + b;
      case Op::sub:
        return a - b;
      case Op::mul:
        return a * b;
      case Op::div:
        return a / b;
      case Op::pow:
        return std::pow(a, b);
      case Op::neg:
        return -a;
      case Op::exp:
        return std::exp(a);
      case Op::log:
        return std::log(a);
      case Op::sqrt:
        return std::sqrt(a);
      case Op::abs:
        return std::fabs(a);
      case Op::sin:
        return std::sin(a);
      case Op::cos:
        return std::cos(a);
      case Op::tanh:
        return std::tanh(a);
      case Op::sigmoid:
        return a >= 0 ? 1 / (1 + std::exp(-a)) : std::exp(a) / (1 + std::exp(a));
      case Op::softplus:
        return a > 0 ? a + std::log1p(std::exp(-a)) : std::log1p(std::exp(a));
      case Op::erf:
        return std::erf(a);
      case Op::min:
        return a <= b ? a : b;  // ties to the first argument
      case Op::max:
        return a >= b ? a : b;
      case Op::where:
        return a != 0 ? b : c;
      case Op::lt:
        return a < b;
      case Op::le:
        return a <= b;
      case Op::gt:
        return a > b;
      case Op::ge:
        return a >= b;
      case Op::eq:
        return a == b;
      case Op::ne:
        return a != b;
      case Op::x:
        break;
    }
    return 0;
  }

  /// d node / dx, memoized, with the kink conventions of formula.h.
  int derivative(int n) {
    auto it = memo_.find(n);
    if (it != memo_.end()) return it->second;
    const Node nd = nodes[n];
    const int a = nd.a, b = nd.b;
    auto d = [&](int i) { return derivative(i); };
    int r;
    switch (nd.op) {
      case Op::constant:
        r = constant(0);
        break;
      case Op::x:
        r = constant(1);
        break;
      case Op::add:
        r = make(Op::add, d(a), d(b));
        break;
      case Op::sub:
        r = make(Op::sub, d(a), d(b));
        break;
      case Op::neg:
        r = make(Op::neg, d(a));
        break;
      case Op::mul:
        r = make(Op::add, make(Op::mul, d(a), b), make(Op::mul, a, d(b)));
        break;
      case Op::div:  // (a' b - a b') / b^2
        r = make(Op::div, make(Op::sub, make(Op::mul, d(a), b), make(Op::mul, a, d(b))), make(Op::mul, b, b));
        break;
      case Op::pow:
        if (is_const(b)) {  // b a^(b-1) a'
          r = make(Op::mul, make(Op::mul, b, make(Op::pow, a, constant(value(b) - 1))), d(a));
        } else {  // a^b (b' log a + b a' / a)
          r = make(Op::mul, n,
                   make(Op::add, make(Op::mul, d(b), make(Op::log, a)), make(Op::div, make(Op::mul, b, d(a)), a)));
        }
        break;
      case Op::exp:
        r = make(Op::mul, n, d(a));
        break;
      case Op::log:
        r = make(Op::div, d(a), a);
        break;
      case Op::sqrt:
        r = make(Op::div, d(a), make(Op::mul, constant(2), n));
        break;
      case Op::abs:  // sign(a) a', 0 at 0
        r = make(Op::mul,
                 make(Op::where, make(Op::gt, a, constant(0)), constant(1),
                      make(Op::where, make(Op::lt, a, constant(0)), constant(-1), constant(0))),
                 d(a));
        break;
      case Op::sin:
        r = make(Op::mul, make(Op::cos, a), d(a));
        break;
      case Op::cos:
        r = make(Op::neg, make(Op::mul, make(Op::sin, a), d(a)));
        break;
      case Op::tanh:
        r = make(Op::mul, make(Op::sub, constant(1), make(Op::mul, n, n)), d(a));
        break;
      case Op::sigmoid:
        r = make(Op::mul, make(Op::mul, n, make(Op::sub, constant(1), n)), d(a));
        break;
      case Op::softplus:
        r = make(Op::mul, make(Op::sigmoid, a), d(a));
        break;
      case Op::erf:  // 2/sqrt(pi) e^(-a^2) a'
        r = make(Op::mul,
                 make(Op::mul, constant(1.1283791670955126), make(Op::exp, make(Op::neg, make(Op::mul, a, a)))), d(a));
        break;
      case Op::min:
        r = make(Op::where, make(Op::le, a, b), d(a), d(b));
        break;
      case Op::max:
        r = make(Op::where, make(Op::ge, a, b), d(a), d(b));
        break;
      case Op::where:
        r = make(Op::where, a, d(b), d(nd.c));
        break;
      default:
        r = constant(0);
        break;  // comparisons: piecewise constant
    }
    memo_[n] = r;
    return r;
  }

  std::string text(int n) const {
    const Node& nd = nodes[n];
    if (const Infix* in = infix(nd.op)) {
      const std::string c = text(nd.a) + " " + in->text + " " + text(nd.b);
      return in->comparison ? c : "(" + c + ")";
    }
    switch (nd.op) {
      case Op::constant:
        return short_number(nd.value);
      case Op::x:
        return "x";
      case Op::neg:
        return "-" + text(nd.a);
      default:
        break;
    }
    for (const auto& f : kFunctions)
      if (f.op == nd.op) {
        std::string s = std::string(f.name) + "(" + text(nd.a);
        if (nd.b >= 0) s += ", " + text(nd.b);
        if (nd.c >= 0) s += ", " + text(nd.c);
        return s + ")";
      }
    return "?";
  }

  /// f as Python: torch (F = torch.nn.functional) or keras.ops (`ops`). Constants
  /// given to a function are tensors in torch (_c), plain floats elsewhere.
  std::string python(int n, bool keras, bool as_argument = false) const {
    const Node& nd = nodes[n];
    auto arg = [&](int k) { return python(k, keras, true); };
    if (const Infix* in = infix(nd.op)) {
      const std::string c = python(nd.a, keras) + " " + in->python + " " + python(nd.b, keras);
      if (!in->comparison) return "(" + c + ")";
      return keras ? "ops.cast(" + c + ", \"float32\")" : "_f(" + c + ")";  // a comparison is 0 or 1
    }
    switch (nd.op) {
      case Op::constant: {
        if (!std::isfinite(nd.value))
          return std::isnan(nd.value) ? "float('nan')" : nd.value > 0 ? "float('inf')" : "(-float('inf'))";
        const std::string v = python_float(nd.value);
        return as_argument && !keras ? "_c(" + v + ")" : "(" + v + ")";
      }
      case Op::x:
        return "x";
      case Op::neg:
        return "(-" + python(nd.a, keras) + ")";
      case Op::where:
        return std::string(keras ? "ops.where(" : "torch.where(") + arg(nd.a) + " != 0, " + arg(nd.b) + ", " +
               arg(nd.c) + ")";
      case Op::softplus:
        return std::string(keras ? "ops.softplus(" : "F.softplus(") + arg(nd.a) + ")";
      case Op::min:
        return std::string(keras ? "ops.minimum(" : "torch.minimum(") + arg(nd.a) + ", " + arg(nd.b) + ")";
      case Op::max:
        return std::string(keras ? "ops.maximum(" : "torch.maximum(") + arg(nd.a) + ", " + arg(nd.b) + ")";
      default:
        break;
    }
    for (const auto& f : kFunctions)
      if (f.op == nd.op) return std::string(keras ? "ops." : "torch.") + f.name + "(" + arg(nd.a) + ")";
    return "?";
  }

 private:
  std::map<std::tuple<int, double, int, int, int>, int> index_;
  std::map<int, int> memo_;

  int intern(Node n) {
    const auto key = std::make_tuple(static_cast<int>(n.op), n.value, n.a, n.b, n.c);
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    nodes.push_back(n);
    index_[key] = static_cast<int>(nodes.size() - 1);
    return static_cast<int>(nodes.size() - 1);
  }
};

/// Recursive descent over the formula's characters.
class Parser {
 public:
  Parser(const std::string& s, Graph& g) : s_(s), g_(g) {}

  int parse() {
    skip();
    if (at_ >= s_.size()) throw FormulaError("the formula is empty", 0);
    const int r = sum();
    skip();
    if (at_ < s_.size()) {
      if (s_[at_] == ')') throw FormulaError("unexpected ')' at " + std::to_string(at_), at_);
      if (is_cmp())
        throw FormulaError("comparisons belong inside where(condition, a, b), at " + std::to_string(at_), at_);
      throw FormulaError("unexpected '" + printable(std::string(1, s_[at_])) + "' at " + std::to_string(at_), at_);
    }
    return r;
  }

 private:
  const std::string& s_;
  Graph& g_;
  size_t at_ = 0;
  int depth_ = 0;

  void skip() {
    while (at_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[at_]))) ++at_;
  }
  bool eat(char c) {
    skip();
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) throw FormulaError(std::string("'") + c + "' expected at " + std::to_string(at_), at_);
  }
  bool is_cmp() const {
    return at_ < s_.size() && (s_[at_] == '<' || s_[at_] == '>' || s_[at_] == '=' || s_[at_] == '!');
  }

  struct Depth {
    int& d;
    size_t at;
    Depth(int& d, size_t at) : d(d), at(at) {
      if (++d > 64) throw FormulaError("the formula nests too deeply, at " + std::to_string(at), at);
    }
    ~Depth() { --d; }
  };

  int condition() {
    const int a = sum();
    skip();
    const size_t pos = at_;
    Op op;
    if (s_.compare(at_, 2, "<=") == 0)
      op = Op::le, at_ += 2;
    else if (s_.compare(at_, 2, ">=") == 0)
      op = Op::ge, at_ += 2;
    else if (s_.compare(at_, 2, "==") == 0)
      op = Op::eq, at_ += 2;
    else if (s_.compare(at_, 2, "!=") == 0)
      op = Op::ne, at_ += 2;
    else if (at_ < s_.size() && s_[at_] == '<')
      op = Op::lt, ++at_;
    else if (at_ < s_.size() && s_[at_] == '>')
      op = Op::gt, ++at_;
    else
      throw FormulaError("a comparison (<, <=, >, >=, ==, !=) expected at " + std::to_string(pos), pos);
    return g_.make(op, a, sum());
  }

  int sum() {
    int r = term();
    for (;;) {
      if (eat('+'))
        r = g_.make(Op::add, r, term());
      else if (eat('-'))
        r = g_.make(Op::sub, r, term());
      else
        return r;
    }
  }
  int term() {
    int r = unary();
    for (;;) {
      if (eat('*'))
        r = g_.make(Op::mul, r, unary());
      else if (eat('/'))
        r = g_.make(Op::div, r, unary());
      else
        return r;
    }
  }
  int unary() {
    Depth guard(depth_, at_);
    if (eat('-')) return g_.make(Op::neg, unary());
    if (eat('+')) return unary();
    const int base = atom();
    if (eat('^')) return g_.make(Op::pow, base, unary());  // right-associative; -x^2 = -(x^2)
    return base;
  }
  int atom() {
    skip();
    if (at_ >= s_.size()) throw FormulaError("the formula ends early: a value expected at " + std::to_string(at_), at_);
    const size_t start = at_;
    const char c = s_[at_];
    if (eat('(')) {
      const int r = sum();
      expect(')');
      return r;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const char* begin = s_.c_str() + at_;
      char* end = nullptr;
      const double v = std::strtod(begin, &end);
      if (end == begin || !std::isfinite(v)) throw FormulaError("a number expected at " + std::to_string(start), start);
      at_ += static_cast<size_t>(end - begin);
      return g_.constant(v);
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (at_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[at_])) || s_[at_] == '_')) ++at_;
      const std::string name = s_.substr(start, at_ - start);
      if (name == "x") return g_.x();
      if (name == "pi") return g_.constant(3.141592653589793);
      if (name == "e") return g_.constant(2.718281828459045);
      for (const auto& f : kFunctions)
        if (name == f.name) return call(f, start);
      throw unknown(name, start);
    }
    throw FormulaError("unexpected '" + printable(std::string(1, c)) + "' at " + std::to_string(start), start);
  }
  int call(const FunctionInfo& f, size_t start) {
    expect('(');
    int args[3] = {-1, -1, -1};
    for (int i = 0; i < f.arity; ++i) {
      if (i > 0 && !eat(',')) {
        skip();
        throw FormulaError(std::string("'") + f.name + "' takes " + std::to_string(f.arity) +
                               " arguments: ',' expected at " + std::to_string(at_),
                           at_);
      }
      args[i] = (f.op == Op::where && i == 0) ? condition() : sum();
    }
    skip();
    if (at_ < s_.size() && s_[at_] == ',')
      throw FormulaError(std::string("'") + f.name + "' takes " + std::to_string(f.arity) + " argument" +
                             (f.arity > 1 ? "s" : "") + ", more given at " + std::to_string(at_),
                         at_);
    expect(')');
    (void)start;
    return g_.make(f.op, args[0], args[1], args[2]);
  }
  FormulaError unknown(const std::string& name, size_t start) const {
    std::string best;
    size_t best_d = 3;
    for (const char* known : {"x", "pi", "e"})
      if (edit_distance(name, known) < best_d && name.size() > 1) best_d = edit_distance(name, known), best = known;
    for (const auto& f : kFunctions)
      if (edit_distance(name, f.name) < best_d) best_d = edit_distance(name, f.name), best = f.name;
    const bool call = at_ < s_.size() && s_[at_] == '(';
    std::string m = std::string(call ? "unknown function '" : "unknown name '") + printable(name, 32) + "' at " +
                    std::to_string(start);
    if (!best.empty()) m += " \xE2\x80\x94 did you mean " + best + "?";
    return FormulaError(m, start);
  }
};

}  // namespace

/// A register program: ops over blocks, in topological order.
struct Formula::Program {
  struct Instr {
    Op op;
    int dst, a, b, c;
    double value;
  };
  std::vector<Instr> code;
  int registers = 0;
  int result = 0;
  int x_register = -1;

  static std::shared_ptr<const Program> build(const Graph& g, int root) {
    auto p = std::make_shared<Program>();
    std::map<int, int> reg;
    std::vector<int> order;
    std::vector<char> seen(g.nodes.size(), 0);
    // Iterative post-order over the DAG from the root.
    std::vector<std::pair<int, int>> stack = {{root, 0}};
    while (!stack.empty()) {
      auto& [n, state] = stack.back();
      if (seen[n] == 2) {
        stack.pop_back();
        continue;
      }
      const Node& nd = g.nodes[n];
      const int kids[3] = {nd.a, nd.b, nd.c};
      if (state < 3) {
        const int k = kids[state++];
        if (k >= 0 && !seen[k]) {
          seen[k] = 1;
          stack.push_back({k, 0});
        }
        continue;
      }
      seen[n] = 2;
      order.push_back(n);
      stack.pop_back();
    }
    for (int n : order) {
      const Node& nd = g.nodes[n];
      const int dst = p->registers++;
      reg[n] = dst;
      if (nd.op == Op::x) p->x_register = dst;
      p->code.push_back(
          {nd.op, dst, nd.a >= 0 ? reg[nd.a] : -1, nd.b >= 0 ? reg[nd.b] : -1, nd.c >= 0 ? reg[nd.c] : -1, nd.value});
    }
    p->result = reg[root];
    return p;
  }

  /// out[i] = program(x[i]) (times dy[i] if given) over blocks of kBlock values.
  template <class T>
  void run(const T* x, const T* dy, T* out, size_t n) const {
    constexpr size_t kBlock = 256;
    // One scratch per thread, grown once: no allocation per batch (or per value,
    // when curves and diagnostics call f and f' one value at a time).
    thread_local std::vector<T> regs;
    if (regs.size() < static_cast<size_t>(registers) * kBlock) regs.resize(static_cast<size_t>(registers) * kBlock);
    for (size_t at = 0; at < n; at += kBlock) {
      const size_t m = std::min(kBlock, n - at);
      for (const Instr& in : code) {
        T* d = regs.data() + static_cast<size_t>(in.dst) * kBlock;
        const T* a = in.a >= 0 ? regs.data() + static_cast<size_t>(in.a) * kBlock : nullptr;
        const T* b = in.b >= 0 ? regs.data() + static_cast<size_t>(in.b) * kBlock : nullptr;
        const T* c = in.c >= 0 ? regs.data() + static_cast<size_t>(in.c) * kBlock : nullptr;
        apply(in, x + at, a, b, c, d, m);
      }
      const T* r = regs.data() + static_cast<size_t>(result) * kBlock;
      if (dy)
        for (size_t i = 0; i < m; ++i) out[at + i] = dy[at + i] * r[i];
      else
        std::copy(r, r + m, out + at);
    }
  }

  /// The float functions of the vector math (the kernels the built-in
  /// activations use) over a block: registers hold kBlock values, so the last
  /// partial group of four lanes reads and writes inside the block.
  static bool vector_op(Op op, const float* a, float* d, size_t m) {
    if (float_kernels() != FloatKernels::vector) return false;
    auto each = [&](auto fn) {
      for (size_t i = 0; i < m; i += 4) simd::store(d + i, fn(simd::load(a + i)));
      return true;
    };
    switch (op) {
      case Op::exp:
        return each([](v4f v) { return vmath::exp(v); });
      case Op::log:
        return each([](v4f v) { return vmath::log(v); });
      case Op::sqrt:
        return each([](v4f v) { return simd::sqrt(v); });
      case Op::tanh:
        return each([](v4f v) { return vmath::tanh(v); });
      case Op::sigmoid:
        return each([](v4f v) { return vmath::sigmoid(v); });
      case Op::softplus:
        return each([](v4f v) { return vmath::softplus(v); });
      case Op::erf:
        return each([](v4f v) { return vmath::erf(v); });
      default:
        return false;
    }
  }

  /// One op over m values: a loop per op, so the compiler vectorises the simple ones.
  template <class T>
  static void apply(const Instr& in, const T* x, const T* a, const T* b, const T* c, T* d, size_t m) {
    switch (in.op) {
      case Op::constant:
        std::fill(d, d + m, static_cast<T>(in.value));
        return;
      case Op::x:
        std::copy(x, x + m, d);
        return;
      case Op::add:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] + b[i];
        return;
      case Op::sub:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] - b[i];
        return;
      case Op::mul:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] * b[i];
        return;
      case Op::div:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] / b[i];
        return;
      case Op::neg:
        for (size_t i = 0; i < m; ++i) d[i] = -a[i];
        return;
      case Op::min:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] <= b[i] ? a[i] : b[i];
        return;
      case Op::max:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] >= b[i] ? a[i] : b[i];
        return;
      case Op::where:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] != T(0) ? b[i] : c[i];
        return;
      case Op::lt:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] < b[i];
        return;
      case Op::le:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] <= b[i];
        return;
      case Op::gt:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] > b[i];
        return;
      case Op::ge:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] >= b[i];
        return;
      case Op::eq:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] == b[i];
        return;
      case Op::ne:
        for (size_t i = 0; i < m; ++i) d[i] = a[i] != b[i];
        return;
      default:
        if constexpr (std::is_same_v<T, float>)
          if (vector_op(in.op, a, d, m)) return;
        for (size_t i = 0; i < m; ++i) d[i] = static_cast<T>(Graph::eval_node(in.op, a[i], b ? b[i] : 0, c ? c[i] : 0));
        return;
    }
  }
};

namespace {
std::atomic<uint64_t> compile_calls{0};
}  // namespace

uint64_t Formula::compilations() { return compile_calls.load(); }

std::shared_ptr<const Formula> Formula::compile(const std::string& text) {
  ++compile_calls;
  if (text.size() > kMaxFormulaLength)
    throw FormulaError("the formula is longer than " + std::to_string(kMaxFormulaLength) + " characters",
                       kMaxFormulaLength);
  Graph g;
  Parser parser(text, g);
  const int root = parser.parse();
  const int droot = g.derivative(root);
  auto f = std::make_shared<Formula>();
  f->text_ = text;
  f->derivative_text_ = g.text(droot);
  f->python_torch_ = g.python(root, false);
  f->python_keras_ = g.python(root, true);
  f->f_ = Program::build(g, root);
  f->df_ = Program::build(g, droot);
  return f;
}

double Formula::f(double x) const {
  double y;
  f_->run(&x, static_cast<const double*>(nullptr), &y, 1);
  return y;
}
double Formula::df(double x) const {
  double y;
  df_->run(&x, static_cast<const double*>(nullptr), &y, 1);
  return y;
}
void Formula::forward(const float* x, float* y, size_t n) const {
  f_->run(x, static_cast<const float*>(nullptr), y, n);
}
void Formula::backward(const float* x, const float* dy, float* dx, size_t n) const { df_->run(x, dy, dx, n); }
size_t Formula::forward_ops() const { return f_->code.size(); }
size_t Formula::backward_ops() const { return df_->code.size(); }

}  // namespace nn
