// Embind bindings: conversions between JavaScript values and the core's types,
// nothing else. Every call goes through guard(): a C++ exception comes back as
// {error: message} (with the position, for a refused formula), so a bad
// argument never aborts the module; web/src/engine/engine.js turns that into a
// thrown JS Error and owns every .delete().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "nn/activations.h"
#include "nn/bench.h"
#include "nn/cost.h"
#include "nn/kernels.h"
#include "nn/notebook.h"
#include "nn/npz.h"
#include "nn/plane.h"
#include "nn/text.h"
#include "nn/trainer.h"
#include "nn/weights_io.h"

using emscripten::val;

namespace {

val error(const std::string& message) {
  val out = val::object();
  out.set("error", message);
  return out;
}

/// Runs f; a C++ exception becomes {error: message}, and a formula the parser
/// refused also says where ({error, position}).
template <class F>
val guard(F&& f) {
  try {
    return f();
  } catch (const nn::FormulaError& e) {
    val out = error(e.what());
    out.set("position", static_cast<double>(e.position));
    return out;
  } catch (const std::exception& e) {
    return error(e.what());
  }
}

template <class T>
std::vector<T> to_vector(const val& typed_array) {
  const size_t n = typed_array["length"].as<size_t>();
  std::vector<T> out(n);
  val view(emscripten::typed_memory_view(n, out.data()));
  view.call<void>("set", typed_array);
  return out;
}

template <class T>
val copy_to_js(const char* type, const T* data, size_t n) {
  return val::global(type).new_(emscripten::typed_memory_view(n, data));
}

/// {bytes: Uint8Array}: a file made by the engine, for JS to download or pass on.
val bytes_result(const std::vector<uint8_t>& bytes) {
  val out = val::object();
  out.set("bytes", copy_to_js("Uint8Array", bytes.data(), bytes.size()));
  return out;
}

template <class T>
val array_of(const std::vector<T>& v) {
  val a = val::array();
  for (size_t i = 0; i < v.size(); ++i) a.set(i, v[i]);
  return a;
}

double number(const val& obj, const char* key, double fallback) {
  val v = obj[key];
  if (v.isUndefined() || v.isNull()) return fallback;
  if (v.typeOf().as<std::string>() != "number") throw std::invalid_argument(std::string(key) + " must be a number");
  return v.as<double>();
}

/// A whole number from JS, checked before any conversion: a number, finite,
/// integral and within [min, max] (so no float-to-int conversion is undefined).
int64_t whole(double v, const char* key, int64_t min, int64_t max) {
  if (!std::isfinite(v) || v != std::floor(v) || v < static_cast<double>(min) || v > static_cast<double>(max))
    throw std::invalid_argument(std::string(key) + " must be a whole number in [" + std::to_string(min) + ", " +
                                std::to_string(max) + "], got " + nn::short_number(v));
  return static_cast<int64_t>(v);
}

int64_t whole(const val& obj, const char* key, double fallback, int64_t min, int64_t max) {
  return whole(number(obj, key, fallback), key, min, max);
}

std::map<std::string, double> params_of(const val& p) {
  std::map<std::string, double> out;
  if (p.isUndefined() || p.isNull()) return out;
  val keys = val::global("Object").call<val>("keys", p);
  const size_t n = keys["length"].as<size_t>();
  for (size_t i = 0; i < n; ++i) {
    const std::string k = keys[i].as<std::string>();
    out[k] = number(p, k.c_str(), 0);
    if (out.size() > 8) throw std::invalid_argument("too many activation parameters");
  }
  return out;
}

/// [{units, activation, params, formula}] -> hidden-layer specs (checked later, once, by the plan).
std::vector<nn::HiddenSpec> hidden_of(const val& hidden, int default_units) {
  std::vector<nn::HiddenSpec> out;
  const size_t n = static_cast<size_t>(whole(hidden["length"].as<double>(), "hidden.length", 0, 1 << 30));
  if (n > static_cast<size_t>(nn::kMaxHidden))
    throw std::invalid_argument("at most " + std::to_string(nn::kMaxHidden) + " hidden layers");
  for (size_t i = 0; i < n; ++i) {
    val h = hidden[i];
    nn::HiddenSpec hs;
    hs.units = static_cast<int>(whole(h, "units", default_units, 1, nn::kMaxUnits));
    if (!h["activation"].isUndefined()) hs.activation = h["activation"].as<std::string>();
    if (h["formula"].typeOf().as<std::string>() == "string") hs.formula = h["formula"].as<std::string>();
    hs.params = params_of(h["params"]);
    out.push_back(hs);
  }
  return out;
}

/// {optimizer, learningRate, momentum, nesterov} over the defaults `o`.
nn::OptimizerSpec optimizer_of(const val& spec, nn::OptimizerSpec o) {
  if (!spec["optimizer"].isUndefined()) o.kind = spec["optimizer"].as<std::string>();
  if (!spec["learningRate"].isUndefined()) o.learning_rate = number(spec, "learningRate", o.lr());
  o.momentum = number(spec, "momentum", 0);
  if (!spec["nesterov"].isUndefined()) o.nesterov = spec["nesterov"].as<bool>();
  return o;
}

/// {hidden:[{units, activation, params}], optimizer, learningRate, batchSize, seed, init, momentum, nesterov}
nn::TrainerConfig config_of(const val& spec) {
  nn::TrainerConfig c;
  if (spec.isUndefined() || spec.isNull()) return c;
  if (!spec["hidden"].isUndefined()) c.model.hidden = hidden_of(spec["hidden"], 512);
  if (!spec["init"].isUndefined()) c.model.init = spec["init"].as<std::string>();
  c.model.bias_init = number(spec, "biasInit", 0);
  c.optimizer = optimizer_of(spec, c.optimizer);
  c.batch_size = static_cast<int>(whole(spec, "batchSize", 128, 1, 8192));
  // Seeds are JS numbers: whole numbers up to 2^53 - 1 are exact.
  c.seed = static_cast<uint64_t>(whole(spec, "seed", 1, 0, (int64_t(1) << 53) - 1));
  return c;  // checked where it is used (nn::validate, once)
}

/// {inputs, hidden, regression, regularization, regularizationRate, optimizer, learningRate, momentum,
///  batchSize, seed, init, biasInit} -> a plane spec (checked by PlaneNet, once).
nn::PlaneSpec plane_spec_of(const val& spec) {
  nn::PlaneSpec s;
  if (spec.isUndefined() || spec.isNull()) return s;
  s.inputs = static_cast<int>(whole(spec, "inputs", 2, 0, 1 << 20));
  if (!spec["hidden"].isUndefined()) s.hidden = hidden_of(spec["hidden"], 4);
  if (!spec["regression"].isUndefined()) s.regression = spec["regression"].as<bool>();
  if (!spec["regularization"].isUndefined()) s.regularization = spec["regularization"].as<std::string>();
  s.regularization_rate = number(spec, "regularizationRate", 0);
  s.optimizer = optimizer_of(spec, s.optimizer);
  s.batch_size = static_cast<int>(whole(spec, "batchSize", 10, 1, 8192));
  s.seed = static_cast<uint64_t>(whole(spec, "seed", 1, 0, (int64_t(1) << 53) - 1));
  if (!spec["init"].isUndefined()) s.init = spec["init"].as<std::string>();
  s.bias_init = number(spec, "biasInit", 0.1);
  return s;
}

nn::Dataset dataset_of(const val& images, const val& labels, const std::string& what) {
  nn::Dataset d;
  d.images = to_vector<uint8_t>(images);
  d.labels = to_vector<uint8_t>(labels);
  d.rows = d.cols = 28;
  if (d.images.size() % 784 != 0)
    throw nn::DataError(what + " images: length " + std::to_string(d.images.size()) + " is not a multiple of 784");
  d.count = d.images.size() / 784;
  if (d.count != d.labels.size())
    throw nn::DataError(what + ": " + std::to_string(d.count) + " images but " + std::to_string(d.labels.size()) +
                        " labels");
  return d;
}

val spec_to_js(const nn::ModelSpec& s) {
  val hidden = val::array();
  for (size_t i = 0; i < s.hidden.size(); ++i) {
    val h = val::object();
    h.set("units", s.hidden[i].units);
    h.set("activation", s.hidden[i].activation);
    if (!s.hidden[i].formula.empty()) h.set("formula", s.hidden[i].formula);
    val p = val::object();
    for (const auto& kv : s.hidden[i].params) p.set(kv.first, kv.second);
    h.set("params", p);
    hidden.set(i, h);
  }
  val out = val::object();
  out.set("hidden", hidden);
  out.set("init", s.init);
  out.set("description", nn::describe(s));
  return out;
}

}  // namespace

/// The activation table, as plain JS objects.
val activations() {
  val out = val::array();
  int i = 0;
  for (const auto& a : nn::activation_table()) {
    val o = val::object();
    o.set("id", std::string(a.id));
    o.set("name", std::string(a.name));
    o.set("formula", std::string(a.formula));
    o.set("derivative", std::string(a.derivative));
    o.set("summary", std::string(a.summary));
    o.set("summaryKo", std::string(a.summary_ko));
    o.set("inNote", a.in_note);
    val ps = val::array();
    int j = 0;
    for (const auto& p : a.params) {
      val po = val::object();
      po.set("id", std::string(p.id));
      po.set("name", std::string(p.name));
      po.set("default", p.default_value);
      po.set("min", p.min);
      po.set("max", p.max);
      po.set("integer", p.integer);
      po.set("help", std::string(p.help));
      po.set("nameKo", std::string(p.name_ko ? p.name_ko : p.name));
      po.set("helpKo", std::string(p.help_ko ? p.help_ko : p.help));
      ps.set(j++, po);
    }
    o.set("params", ps);
    out.set(i++, o);
  }
  return out;
}

/// A hidden layer of activation `id` with its parameters from JS: numbers, and
/// for `custom` the string `formula`; checked and compiled by the plan.
nn::HiddenSpec layer_of(const std::string& id, const val& params) {
  nn::HiddenSpec h;
  h.activation = id;
  if (nn::activation_info(id).kind == nn::Activation::custom) {
    val f = params.isUndefined() || params.isNull() ? val::undefined() : params["formula"];
    if (f.typeOf().as<std::string>() != "string")
      throw std::invalid_argument("custom needs a formula, e.g. {formula: 'x * sigmoid(x)'}");
    h.formula = f.as<std::string>();
  } else {
    h.params = params_of(params);
  }
  return h;
}

/// {ok: true} or {ok: false, message, position}: the engine's parser on `text`.
val check_formula(const std::string& text) {
  val out = val::object();
  try {
    const auto f = nn::Formula::compile(text);
    out.set("ok", true);
    out.set("derivative", f->derivative_text());
  } catch (const nn::FormulaError& e) {
    out.set("ok", false);
    out.set("message", std::string(e.what()));
    out.set("position", static_cast<double>(e.position));
  }
  return out;
}

/// {y, dy} for f and f' over xs.
val activation_curve(const std::string& id, const val& params, const val& xs) {
  return guard([&] {
    const nn::HiddenLayerPlan plan = nn::plan_hidden(layer_of(id, params));
    const std::vector<float> x = to_vector<float>(xs);
    std::vector<float> y(x.size()), dy(x.size());
    nn::activation_curve(plan.info->kind, plan.params, x.data(), y.data(), dy.data(), x.size());
    val out = val::object();
    out.set("y", copy_to_js("Float32Array", y.data(), y.size()));
    out.set("dy", copy_to_js("Float32Array", dy.data(), dy.size()));
    return out;
  });
}

/// For the benchmark's "before" column only: true runs every float activation
/// loop (and formula program) through the scalar libm loops the engine used
/// before its vector math; false (the default) the vector math.
void use_reference_kernels(bool on) {
  nn::set_float_kernels(on ? nn::FloatKernels::reference : nn::FloatKernels::vector);
}

/// The setup of `spec` as a runnable PyTorch or Keras 3 script.
val export_code(const val& spec, const std::string& framework, int epochs) {
  return guard([&] {
    val out = val::object();
    out.set("text", nn::export_code(config_of(spec), epochs, nn::framework_of(framework)));
    return out;
  });
}

/// The manifest (the setup as JSON text, "" if none) of an .npz, after reading it whole.
val npz_manifest(const val& bytes) {
  return guard([&] {
    const auto b = to_vector<uint8_t>(bytes);
    val out = val::object();
    out.set("manifest", nn::npz_manifest(nn::read_npz(b.data(), b.size())));
    return out;
  });
}

/// Files (names and Uint8Arrays) as one stored zip archive.
val zip_files(const val& names, const val& contents) {
  return guard([&] {
    std::vector<std::pair<std::string, std::vector<uint8_t>>> files;
    const unsigned n = names["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i)
      files.push_back({names[i].as<std::string>(), to_vector<uint8_t>(contents[i])});
    return bytes_result(nn::write_zip(files));
  });
}

/// Per-element cost of f and f', measured against ReLU in this very run.
val activation_cost(const std::string& id, const val& params) {
  return guard([&] {
    const nn::ActivationCost c = nn::activation_cost(layer_of(id, params));
    val out = val::object();
    out.set("forwardNs", c.forward_ns);
    out.set("backwardNs", c.backward_ns);
    out.set("reluForwardNs", c.relu_forward_ns);
    out.set("reluBackwardNs", c.relu_backward_ns);
    out.set("forwardRelative", c.forward_relative);
    out.set("backwardRelative", c.backward_relative);
    out.set("relativeToRelu", c.relative_to_relu);
    return out;
  });
}

/// Parses a pair of IDX files (plain bytes) into {images, labels, count}.
val parse_idx(const val& images, const val& labels, const std::string& name) {
  return guard([&] {
    const auto ib = to_vector<uint8_t>(images), lb = to_vector<uint8_t>(labels);
    const nn::Dataset d = nn::parse_idx_pair(ib.data(), ib.size(), lb.data(), lb.size(), nn::printable(name));
    val out = val::object();
    out.set("images", copy_to_js("Uint8Array", d.images.data(), d.images.size()));
    out.set("labels", copy_to_js("Uint8Array", d.labels.data(), d.labels.size()));
    out.set("count", d.count);
    return out;
  });
}

/// The size of the IDX file whose first bytes (16 are enough) are given:
/// {bytes}, or {error} for a bad or oversized header. Used by the page to stop
/// inflating gzip data where the header says the file ends.
val idx_file_size(const val& header) {
  return guard([&] {
    const auto h = to_vector<uint8_t>(header);
    val out = val::object();
    out.set("bytes", static_cast<double>(nn::idx_file_size(h.data(), h.size(), "IDX file")));
    return out;
  });
}

/// Bytes one network of this spec needs to train (nn::training_memory_bytes);
/// {error} for an impossible spec.
val memory_estimate(const val& spec) {
  return guard([&] {
    const nn::TrainerConfig c = config_of(spec);
    const nn::ModelPlan plan = nn::validate(c);
    val out = val::object();
    out.set("bytes", static_cast<double>(nn::training_memory_bytes(plan, c.optimizer, c.batch_size)));
    out.set("parameters", static_cast<double>(plan.parameters));
    return out;
  });
}

/// The readers' and builders' stated limits, for the page's own checks.
val limits() {
  val out = val::object();
  out.set("maxParameters", static_cast<double>(nn::kMaxParameters));
  out.set("maxTrainingBytes", static_cast<double>(nn::kMaxTrainingBytes));
  out.set("maxIdxFileBytes", static_cast<double>(nn::kMaxIdxFileBytes));
  out.set("maxIdxImageBytes", static_cast<double>(nn::kMaxIdxImageBytes));
  out.set("maxIdxCount", static_cast<double>(nn::kMaxIdxCount));
  // A weights file holds 4 bytes per value plus names and sizes: bounded by the parameter limit.
  out.set("maxWeightsFileBytes", static_cast<double>(nn::kMaxParameters * 4 + (1 << 20)));
  return out;
}

/// {gemm, activation, loss, optimizer, other, measured, gemmMin, activationMin, steps}: ms per step.
val profile_to_js(const nn::StepProfile& p) {
  val out = val::object();
  out.set("gemm", p.gemm);
  out.set("activation", p.activation);
  out.set("loss", p.loss);
  out.set("optimizer", p.optimizer);
  out.set("other", p.other);
  out.set("measured", p.measured);
  out.set("gemmMin", p.gemm_min);
  out.set("activationMin", p.activation_min);
  out.set("steps", p.steps);
  return out;
}

val stats_to_js(const nn::StepStats& s) {
  val out = val::object();
  out.set("loss", s.loss);
  out.set("accuracy", s.accuracy);
  out.set("step", static_cast<double>(s.step));
  out.set("epoch", s.epoch);
  out.set("epochFraction", s.epoch_fraction);
  out.set("stepsRun", s.steps_run);
  out.set("samplesRun", s.samples_run);
  out.set("diverged", s.diverged);
  return out;
}

/// What `make` returns (a new object for JS to own), or null with err.error
/// (and err.position for a refused formula): the guard for constructors.
template <class Make>
auto made_or_error(val err, Make&& make) -> decltype(make()) {
  decltype(make()) made = nullptr;
  const val r = guard([&] {
    made = make();
    return val::object();
  });
  for (const char* key : {"error", "position"})
    if (!r[key].isUndefined()) err.set(key, r[key]);
  return made;
}

/// A trainer, held by JS through web/src/engine/engine.js.
class Network {
 public:
  /// A new network, or null with err.error (and err.position for a refused formula).
  static Network* create(const val& spec, val err) {
    return made_or_error(err, [&] { return new Network(config_of(spec)); });
  }

  val info() {
    val out = spec_to_js(trainer_.config().model);
    out.set("parameters", static_cast<double>(trainer_.model().parameter_count()));
    out.set("step", static_cast<double>(trainer_.step()));
    out.set("epoch", trainer_.epoch());
    out.set("stepsPerEpoch", trainer_.has_data() ? trainer_.steps_per_epoch() : 0);
    out.set("hasData", trainer_.has_data());
    out.set("diverged", trainer_.diverged());
    return out;
  }

  val set_data(const val& d) {
    return guard([&] {
      trainer_.set_data(dataset_of(d["trainImages"], d["trainLabels"], "training set"),
                        dataset_of(d["testImages"], d["testLabels"], "test set"));
      return val::object();
    });
  }

  val train_steps(double steps) {
    return guard(
        [&] { return stats_to_js(trainer_.train_steps(static_cast<int>(whole(steps, "steps", 0, 1000000)))); });
  }

  /// One step's stages timed without training (no update), as stepProfile's figures for one step.
  val time_step() {
    return guard([&] { return profile_to_js(trainer_.time_step()); });
  }

  /// Trains `steps` real steps, timing each stage: {gemm, activation, loss,
  /// optimizer, other, measured (ms per step), steps, stats: trainSteps' result}.
  val step_profile(double steps) {
    return guard([&] {
      nn::StepProfile p;
      const nn::StepStats s = trainer_.train_steps(static_cast<int>(whole(steps, "steps", 1, 1000)), &p);
      val out = profile_to_js(p);
      out.set("stats", stats_to_js(s));
      return out;
    });
  }

  val evaluate(double max_samples) {
    return guard([&] {
      const auto n = whole(max_samples, "maxSamples", 0, int64_t(nn::kMaxIdxCount));
      const nn::EvalStats e = trainer_.evaluate(static_cast<size_t>(n));
      val out = val::object();
      out.set("loss", e.loss);
      out.set("accuracy", e.accuracy);
      out.set("count", e.count);
      out.set("confusion", copy_to_js("Int32Array", e.confusion.data(), e.confusion.size()));
      out.set("misclassified", array_of(e.misclassified));
      out.set("predicted", array_of(e.predicted));
      return out;
    });
  }

  /// The fast path for one drawn digit: JS writes the pixels at inputPointer()
  /// in the wasm heap, calls predictInPlace() (0 on success, else see
  /// lastError()) and reads the probabilities at outputPointer(). No value
  /// conversion, no allocation per call.
  uintptr_t input_pointer() { return reinterpret_cast<uintptr_t>(input_.data()); }
  uintptr_t output_pointer() { return reinterpret_cast<uintptr_t>(output_.data()); }
  int predict_in_place() {
    try {  // not through guard(): this path makes no JS value
      trainer_.predict_one(input_.data(), output_.data());
      return 0;
    } catch (const std::exception& e) {
      last_error_ = e.what();
      return 1;
    }
  }
  std::string last_error() const { return last_error_; }

  val diagnostics() {
    return guard([&] {
      val layers = val::array();
      int i = 0;
      for (const auto& d : trainer_.diagnostics()) {
        val o = val::object();
        o.set("layer", d.layer);
        o.set("units", d.units);
        o.set("activation", d.activation);
        o.set("deadFraction", d.dead_fraction);
        o.set("inactiveFraction", d.inactive_fraction);
        o.set("saturationFraction", d.saturation_fraction);
        o.set("meanOutput", d.mean_output);
        o.set("stdOutput", d.std_output);
        o.set("gradNorm", d.grad_norm);
        o.set("weightNorm", d.weight_norm);
        o.set("updateRatio", d.update_ratio);
        if (d.activation == "prelu") {
          val a = val::object();
          a.set("mean", d.alpha_mean);
          a.set("min", d.alpha_min);
          a.set("max", d.alpha_max);
          a.set("quantiles", array_of(d.alpha_quantiles));
          o.set("alpha", a);
        }
        if (!d.piece_usage.empty()) o.set("pieceUsage", array_of(d.piece_usage));
        val h = val::object();
        h.set("min", d.hist_min);
        h.set("max", d.hist_max);
        h.set("counts", copy_to_js("Int32Array", d.histogram.data(), d.histogram.size()));
        h.set("nonfinite", static_cast<double>(d.nonfinite));
        o.set("histogram", h);
        o.set("deadUnits", copy_to_js("Uint8Array", d.dead_units.data(), d.dead_units.size()));
        layers.set(i++, o);
      }
      val out = val::object();
      out.set("layers", layers);
      return out;
    });
  }

  /// The first hidden layer's kernel (784 × units·k, row-major) for weight images.
  val first_layer_weights() {
    return guard([&] {
      auto& blocks = trainer_.model().blocks();
      if (blocks.empty()) throw std::invalid_argument("the network has no hidden layer");
      const auto& W = blocks[0].dense->W;
      val out = val::object();
      out.set("weights", copy_to_js("Float32Array", W.data(), W.size()));
      out.set("rows", static_cast<int>(W.shape(0)));
      out.set("cols", static_cast<int>(W.shape(1)));
      return out;
    });
  }

  val save_weights() {
    return guard([&] {
      return bytes_result(trainer_.save_weights());
    });
  }

  val load_weights(const val& bytes) {
    return guard([&] {
      const auto b = to_vector<uint8_t>(bytes);
      trainer_.load_weights(b.data(), b.size());
      return info();
    });
  }

  /// The weights as .npz in PyTorch's layout, with the setup (for `epochs`) as its manifest.
  val export_npz(int epochs) {
    return guard([&] {
      return bytes_result(nn::write_npz(nn::weights_to_npz(trainer_.config(), epochs, trainer_.model())));
    });
  }

  /// An .npz's arrays into this network (names and shapes checked; nothing changes on an error).
  val import_npz(const val& bytes) {
    return guard([&] {
      const auto b = to_vector<uint8_t>(bytes);
      nn::npz_to_weights(nn::read_npz(b.data(), b.size()), trainer_.model());
      return info();
    });
  }

 private:
  explicit Network(const nn::TrainerConfig& c)
      : trainer_(c), input_(static_cast<size_t>(c.model.inputs)), output_(static_cast<size_t>(c.model.outputs)) {}

  nn::Trainer trainer_;
  std::vector<float> input_, output_;  // predictInPlace's buffers: weights files keep inputs and outputs
  std::string last_error_;
};

/// The 2-D view's network, held by JS through web/src/engine/engine.js.
class Plane {
 public:
  /// A new plane network, or null with err.error (and err.position for a refused formula).
  static Plane* create(const val& spec, val err) {
    return made_or_error(err, [&] { return new Plane(plane_spec_of(spec)); });
  }

  /// Points (features row-major, targets), the first `train` for training.
  val set_points(const val& features, const val& targets, double train) {
    return guard([&] {
      const auto x = to_vector<float>(features), t = to_vector<float>(targets);
      net_.set_points(x.data(), x.size(), t.data(), t.size(), static_cast<size_t>(whole(train, "train", 0, 1 << 30)));
      return val::object();
    });
  }

  /// {step, epoch, diverged}.
  val train_steps(double steps) {
    return guard([&] {
      const bool ok = net_.train_steps(static_cast<int>(whole(steps, "steps", 0, 100000)));
      val out = val::object();
      out.set("step", static_cast<double>(net_.step()));
      out.set("epoch", net_.epoch());
      out.set("diverged", !ok);
      return out;
    });
  }

  /// {train, test}: mean squared losses; {dead}: 1 per hidden unit that passes no gradient.
  val losses() {
    return guard([&] {
      val out = val::object();
      out.set("train", net_.loss(false));
      out.set("test", net_.loss(true));
      const auto& dead = net_.dead_units();
      out.set("dead", copy_to_js("Uint8Array", dead.data(), dead.size()));
      return out;
    });
  }

  /// The grid evaluate_grid() runs (features row-major, `count` points).
  val set_grid(const val& features, double count) {
    return guard([&] {
      const auto x = to_vector<float>(features);
      net_.set_grid(x.data(), x.size(), static_cast<size_t>(whole(count, "count", 0, 1 << 30)));
      return val::object();
    });
  }

  /// Evaluates the grid into wasm memory (no allocation): (neurons + 2) × count
  /// floats at gridPointer(): every hidden unit, the output, the output's logit.
  uintptr_t evaluate_grid() { return reinterpret_cast<uintptr_t>(net_.evaluate_grid()); }
  int neurons() const { return static_cast<int>(net_.neurons()); }

  /// Every Dense's kernel and bias, for the links: [{rows, cols, kernel, bias}].
  val weights() {
    val out = val::array();
    int i = 0;
    for (auto& layer : net_.model().layers()) {
      auto* d = dynamic_cast<nn::Dense<float>*>(layer.get());
      if (!d) continue;
      val o = val::object();
      o.set("rows", static_cast<int>(d->W.shape(0)));
      o.set("cols", static_cast<int>(d->W.shape(1)));
      o.set("kernel", copy_to_js("Float32Array", d->W.data(), d->W.size()));
      o.set("bias", copy_to_js("Float32Array", d->b.data(), d->b.size()));
      out.set(i++, o);
    }
    return out;
  }

 private:
  explicit Plane(const nn::PlaneSpec& spec) : net_(spec) {}
  nn::PlaneNet<float> net_;
};

EMSCRIPTEN_BINDINGS(activation_playground) {
  emscripten::function("benchSgemm", &nn::time_sgemm);
  emscripten::function("benchPeak", &nn::simd_peak_gflops);
  emscripten::function("activations", &activations);
  emscripten::function("activationCurve", &activation_curve);
  emscripten::function("parseIdx", &parse_idx);
  emscripten::function("activationCost", &activation_cost);
  emscripten::function("useReferenceKernels", &use_reference_kernels);
  emscripten::function("exportCode", &export_code);
  emscripten::function("npzManifest", &npz_manifest);
  emscripten::function("zipFiles", &zip_files);
  emscripten::function("checkFormula", &check_formula);
  emscripten::function("memoryEstimate", &memory_estimate);
  emscripten::function("limits", &limits);
  emscripten::function("idxFileSize", &idx_file_size);
  emscripten::class_<Network>("Network")
      .class_function("create", &Network::create, emscripten::allow_raw_pointers())
      .function("info", &Network::info)
      .function("setData", &Network::set_data)
      .function("trainSteps", &Network::train_steps)
      .function("stepProfile", &Network::step_profile)
      .function("timeStep", &Network::time_step)
      .function("evaluate", &Network::evaluate)
      .function("inputPointer", &Network::input_pointer)
      .function("outputPointer", &Network::output_pointer)
      .function("predictInPlace", &Network::predict_in_place)
      .function("lastError", &Network::last_error)
      .function("diagnostics", &Network::diagnostics)
      .function("firstLayerWeights", &Network::first_layer_weights)
      .function("saveWeights", &Network::save_weights)
      .function("loadWeights", &Network::load_weights)
      .function("exportNpz", &Network::export_npz)
      .function("importNpz", &Network::import_npz);
  emscripten::class_<Plane>("Plane")
      .class_function("create", &Plane::create, emscripten::allow_raw_pointers())
      .function("setPoints", &Plane::set_points)
      .function("trainSteps", &Plane::train_steps)
      .function("losses", &Plane::losses)
      .function("setGrid", &Plane::set_grid)
      .function("evaluateGrid", &Plane::evaluate_grid)
      .function("neurons", &Plane::neurons)
      .function("weights", &Plane::weights);
}
