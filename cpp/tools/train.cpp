// train: the native command-line trainer.
//
//   train --data DIR --epochs N --hidden 512:relu[,128:elu...]
//         [--activation-param name=value]... [--optimizer rmsprop|adam|sgd]
//         [--lr X] [--momentum X] [--nesterov] [--batch N] [--seed S]
//         [--init glorot_uniform|he_uniform|lecun_normal] [--save FILE] [--save-int8 FILE] [--load FILE]
//         [--export pytorch|keras FILE] [--save-npz FILE] [--load-npz FILE] [--probs FILE]
//
// Prints one JSON object per epoch. A bad directory, file or setting exits
// with status 2 and a one-line message on stderr.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "nn/idx_files.h"
#include "nn/notebook.h"
#include "nn/npz.h"
#include "nn/trainer.h"
#include "nn/weights_io.h"

namespace {

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "train: " << msg << "\n";
  std::exit(2);
}

const char* kUsage =
    "usage: train --data DIR [--epochs N] [--hidden 512:relu[,128:elu...]]\n"
    "             [--activation-param name=value]... [--optimizer rmsprop|adam|sgd] [--lr X]\n"
    "             [--momentum X] [--nesterov] [--batch N] [--seed S] [--init glorot_uniform|he_uniform|lecun_normal]\n"
    "             [--save FILE] [--save-int8 FILE] [--load FILE] [--trace-steps N] [--formula 'x*sigmoid(x)']\n"
    "--formula gives the layers whose activation is custom their f(x).\n"
    "             [--export pytorch|keras FILE] [--save-npz FILE] [--load-npz FILE] [--probs FILE]\n"
    "--save writes float32 weights; --save-int8 int8 kernels with a scale per unit (a quarter of the size).\n"
    "--zero-unlit zeroes, before saving, the first layer's weights of pixels that are 0 in every training\n"
    "  image (they never train: their random start is noise no training image multiplies).\n"
    "--export writes the setup as a runnable PyTorch or Keras 3 script (without --data: only that).\n"
    "--save-npz / --load-npz: weights as NumPy .npz in PyTorch's layout (np.savez files from PyTorch or Keras).\n"
    "--probs writes the test set's class probabilities and labels as an .npz (arrays probs, labels).\n"
    "DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and\n"
    "t10k-labels-idx1-ubyte, each optionally .gz. Activations: ";

double parse_number(const std::string& flag, const std::string& v) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !std::isfinite(d)) fail(flag + " expects a number, got '" + v + "'");
  return d;
}

long long parse_int(const std::string& flag, const std::string& v) {
  char* end = nullptr;
  const long long d = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0') fail(flag + " expects a whole number, got '" + v + "'");
  return d;
}

std::vector<nn::HiddenSpec> parse_hidden(const std::string& text) {
  std::vector<nn::HiddenSpec> out;
  if (text == "none" || text.empty()) return out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    const auto colon = item.find(':');
    nn::HiddenSpec h;
    h.units = static_cast<int>(parse_int("--hidden", item.substr(0, colon)));
    h.activation = colon == std::string::npos ? "relu" : item.substr(colon + 1);
    out.push_back(h);
  }
  return out;
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// What the command line asks for.
struct Options {
  std::string data_dir, save_path, save_int8_path, load_path, formula;
  std::string export_framework, export_path, save_npz, load_npz, probs_path;
  int epochs = 5;
  int trace_steps = 0;
  bool help = false;
  bool zero_unlit = false;
  nn::TrainerConfig config;
  std::vector<std::pair<std::string, double>> act_params;
};

/// Reads the flags (fails with a message on an unknown or malformed one).
Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--data")
      o.data_dir = value();
    else if (a == "--epochs")
      o.epochs = static_cast<int>(parse_int(a, value()));
    else if (a == "--hidden")
      o.config.model.hidden = parse_hidden(value());
    else if (a == "--activation-param") {
      const std::string kv = value();
      const auto eq = kv.find('=');
      if (eq == std::string::npos) fail("--activation-param expects name=value, got '" + kv + "'");
      o.act_params.emplace_back(kv.substr(0, eq), parse_number(a, kv.substr(eq + 1)));
    } else if (a == "--optimizer")
      o.config.optimizer.kind = value();
    else if (a == "--lr")
      o.config.optimizer.learning_rate = parse_number(a, value());
    else if (a == "--momentum")
      o.config.optimizer.momentum = parse_number(a, value());
    else if (a == "--nesterov")
      o.config.optimizer.nesterov = true;
    else if (a == "--batch")
      o.config.batch_size = static_cast<int>(parse_int(a, value()));
    else if (a == "--seed")
      o.config.seed = static_cast<uint64_t>(parse_int(a, value()));
    else if (a == "--init")
      o.config.model.init = value();
    else if (a == "--save")
      o.save_path = value();
    else if (a == "--formula")
      o.formula = value();
    else if (a == "--save-int8")
      o.save_int8_path = value();
    else if (a == "--zero-unlit")
      o.zero_unlit = true;
    else if (a == "--load")
      o.load_path = value();
    else if (a == "--export") {
      o.export_framework = value();
      o.export_path = value();
    } else if (a == "--save-npz")
      o.save_npz = value();
    else if (a == "--load-npz")
      o.load_npz = value();
    else if (a == "--probs")
      o.probs_path = value();
    else if (a == "--trace-steps")
      o.trace_steps = static_cast<int>(parse_int(a, value()));
    else if (a == "--help" || a == "-h")
      o.help = true;
    else
      fail("unknown option '" + a + "' (see --help)");
  }
  return o;
}

/// The formula goes to every custom layer; an activation parameter to every
/// hidden layer whose activation has it.
void apply_layer_options(Options& o) {
  auto& hidden = o.config.model.hidden;
  for (auto& h : hidden) {
    if (h.activation == "custom") {
      if (o.formula.empty()) fail("--hidden uses custom: give its formula with --formula 'x*sigmoid(x)'");
      h.formula = o.formula;
    }
  }
  if (!o.formula.empty() &&
      std::none_of(hidden.begin(), hidden.end(), [](const nn::HiddenSpec& h) { return h.activation == "custom"; }))
    fail("--formula: no hidden layer's activation is custom (e.g. --hidden 512:custom)");
  for (const auto& [name, v] : o.act_params) {
    bool used = false;
    for (auto& h : hidden) {
      try {
        for (const auto& p : nn::activation_info(h.activation).params)
          if (name == p.id) h.params[name] = v, used = true;
      } catch (const std::invalid_argument& e) {
        fail(e.what());
      }
    }
    if (!used) fail("--activation-param " + name + ": no hidden layer's activation takes a parameter '" + name + "'");
  }
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path + ": cannot open");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail(path + ": cannot write");
}

/// The test set's probabilities (n x outputs) and labels, as an .npz.
std::vector<uint8_t> test_probabilities(nn::Trainer& trainer) {
  const nn::Dataset& t = trainer.test_set();
  std::vector<float> pixels(t.count * 784);
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = t.images[i] / 255.f;
  nn::NpyArray probs, labels;
  probs.name = "probs";
  probs.values = trainer.predict(pixels.data(), t.count);
  probs.shape = {t.count, probs.values.size() / std::max<size_t>(1, t.count)};
  labels.name = "labels";
  labels.shape = {t.count};
  for (size_t i = 0; i < t.count; ++i) labels.values.push_back(static_cast<float>(t.labels[i]));
  return nn::write_npz({probs, labels});
}

/// Zeroes the first layer's weights of input pixels that are 0 in every
/// training image: their gradient is always 0, so they keep their random
/// start, which no training image ever multiplies. Returns how many pixels.
size_t zero_unlit_inputs(nn::Trainer& trainer) {
  const nn::Dataset& d = trainer.train_set();
  auto* first = dynamic_cast<nn::Dense<float>*>(trainer.model().layers().front().get());
  if (!first || first->W.shape(0) != d.features()) return 0;
  std::vector<bool> lit(d.features(), false);
  for (size_t i = 0; i < d.count; ++i)
    for (size_t j = 0; j < d.features(); ++j) lit[j] = lit[j] || d.images[i * d.features() + j] != 0;
  size_t zeroed = 0;
  const size_t units = first->W.shape(1);
  for (size_t j = 0; j < d.features(); ++j) {
    if (lit[j]) continue;
    std::fill(first->W.data() + j * units, first->W.data() + (j + 1) * units, 0.f);
    ++zeroed;
  }
  return zeroed;
}

/// One JSON line per epoch (or per step with --trace-steps), then the weights files.
void run(const Options& o) {
  nn::Trainer trainer(o.config);
  nn::TrainTest data = nn::load_mnist_dir(o.data_dir);
  trainer.set_data(std::move(data.train), std::move(data.test));
  if (!o.load_path.empty()) {
    const auto bytes = nn::read_maybe_gzip(o.load_path);
    trainer.load_weights(bytes.data(), bytes.size());
  }
  if (!o.load_npz.empty()) {
    const auto bytes = read_file(o.load_npz);
    nn::npz_to_weights(nn::read_npz(bytes.data(), bytes.size()), trainer.model());
  }
  if (o.trace_steps > 0) {
    // One JSON line per step with its loss: to compare builds (native vs WASM).
    for (int i = 0; i < o.trace_steps; ++i) {
      const nn::StepStats s = trainer.train_steps(1);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.9g", s.loss);
      std::cout << "{\"step\": " << s.step << ", \"loss\": " << buf << "}\n";
    }
    return;
  }
  const int steps = trainer.steps_per_epoch();
  for (int e = 1; e <= o.epochs; ++e) {
    const auto t0 = std::chrono::steady_clock::now();
    const nn::StepStats s = trainer.train_steps(steps);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s.diverged)
      fail("training diverged at step " + std::to_string(s.step + 1) +
           " (loss is NaN or infinite); try a lower learning rate");
    const nn::EvalStats v = trainer.evaluate();
    std::cout << "{\"epoch\": " << e << ", \"loss\": " << json_number(s.loss)
              << ", \"accuracy\": " << json_number(s.accuracy) << ", \"val_loss\": " << json_number(v.loss)
              << ", \"val_accuracy\": " << json_number(v.accuracy) << ", \"seconds\": " << json_number(seconds)
              << ", \"samples_per_second\": " << json_number(s.samples_run / seconds) << ", \"model\": \""
              << nn::describe(trainer.config().model) << "\"}" << std::endl;
  }
  if (o.zero_unlit)
    std::cerr << "train: zeroed the first-layer weights of " << zero_unlit_inputs(trainer)
              << " pixels that are 0 in every training image\n";
  if (!o.save_npz.empty())
    write_file(o.save_npz, nn::write_npz(nn::weights_to_npz(o.config, o.epochs, trainer.model())));
  if (!o.probs_path.empty()) write_file(o.probs_path, test_probabilities(trainer));
  for (const auto& [path, encoding] :
       {std::pair{o.save_path, nn::WeightsEncoding::f32}, std::pair{o.save_int8_path, nn::WeightsEncoding::int8}}) {
    if (path.empty()) continue;
    const auto bytes = trainer.save_weights(encoding);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) fail(path + ": cannot write weights file");
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_args(argc, argv);
  if (o.help) {
    std::cout << kUsage;
    for (const auto& r : nn::activation_table()) std::cout << r.id << " ";
    std::cout << "\n";
    return 0;
  }
  if (o.epochs < 0 || o.epochs > 1000) fail("--epochs must be in [0, 1000]");
  apply_layer_options(o);
  if (!o.export_path.empty()) {
    try {
      const std::string code = nn::export_code(o.config, o.epochs, nn::framework_of(o.export_framework));
      write_file(o.export_path, std::vector<uint8_t>(code.begin(), code.end()));
    } catch (const std::exception& e) {
      fail(e.what());
    }
    if (o.data_dir.empty()) return 0;
  }
  if (o.data_dir.empty()) fail("--data DIR is required (see --help)");
  try {
    run(o);
  } catch (const std::exception& e) {
    fail(e.what());
  }
  return 0;
}
