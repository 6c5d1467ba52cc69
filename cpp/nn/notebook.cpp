#include "notebook.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "text.h"

namespace nn {
namespace {

/// A number in the scripts: the shortest decimal that reads back as v, as Python prints it.
std::string num(double v) { return python_float(v); }

/// A JSON (and Python) string literal.
std::string quoted(const std::string& s) {
  std::string o = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      o += '\\';
      o += static_cast<char>(ch);
    } else if (ch < 0x20 || ch == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", ch);
      o += buf;
    } else {
      o += static_cast<char>(ch);
    }
  }
  return o + "\"";
}

/// One hidden layer's activation as a PyTorch module expression.
std::string torch_activation(const HiddenLayerPlan& h, size_t index) {
  const double a = h.params.v[0];
  switch (h.info->kind) {
    case Activation::linear: return "nn.Identity()";
    case Activation::sigmoid: return "nn.Sigmoid()";
    case Activation::tanh: return "nn.Tanh()";
    case Activation::relu: return "nn.ReLU()";
    case Activation::leaky_relu: return "nn.LeakyReLU(" + num(a) + ")";
    case Activation::prelu: return "nn.PReLU(" + std::to_string(h.units) + ", init=" + num(a) + ")";
    case Activation::elu: return "nn.ELU(alpha=" + num(a) + ")";
    case Activation::maxout: return "Maxout(" + std::to_string(h.units) + ", " + std::to_string(h.pieces) + ")";
    case Activation::gelu: return std::string("nn.GELU(approximate=") + (a != 0 ? "'tanh'" : "'none'") + ")";
    case Activation::silu: return a == 1 ? "nn.SiLU()" : "Swish(" + num(a) + ")";
    case Activation::mish: return "nn.Mish()";
    case Activation::selu: return "nn.SELU()";
    case Activation::softplus: return "nn.Softplus()";
    case Activation::custom: return "Custom" + std::to_string(index + 1) + "()";
  }
  return "?";
}

/// One hidden layer's activation for Keras: {a Dense activation argument, a layer to follow, or neither}.
struct KerasAct {
  std::string argument, layer;
};
KerasAct keras_activation(const HiddenLayerPlan& h, size_t index) {
  const double a = h.params.v[0];
  switch (h.info->kind) {
    case Activation::linear: return {"\"linear\"", ""};
    case Activation::sigmoid: return {"\"sigmoid\"", ""};
    case Activation::tanh: return {"\"tanh\"", ""};
    case Activation::relu: return {"\"relu\"", ""};
    case Activation::leaky_relu: return {"", "layers.LeakyReLU(negative_slope=" + num(a) + ")"};
    case Activation::prelu: return {"", "layers.PReLU(alpha_initializer=keras.initializers.Constant(" + num(a) + "))"};
    case Activation::elu: return {"", "layers.ELU(alpha=" + num(a) + ")"};
    case Activation::maxout: return {"", "Maxout(" + std::to_string(h.units) + ", " + std::to_string(h.pieces) + ")"};
    case Activation::gelu:
      return {std::string("lambda x: keras.activations.gelu(x, approximate=") + (a != 0 ? "True" : "False") + ")", ""};
    case Activation::silu: return {a == 1 ? "\"silu\"" : "lambda x: x * ops.sigmoid(" + num(a) + " * x)", ""};
    case Activation::mish: return {"\"mish\"", ""};
    case Activation::selu: return {"\"selu\"", ""};
    case Activation::softplus: return {"\"softplus\"", ""};
    case Activation::custom: return {"custom" + std::to_string(index + 1), ""};
  }
  return {"?", ""};
}

std::string hidden_json(const HiddenSpec& h) {
  std::string s = "{\"units\": " + std::to_string(h.units) + ", \"activation\": " + quoted(h.activation) +
                  ", \"params\": {";
  bool first = true;
  for (const auto& kv : h.params) {
    s += (first ? "" : ", ") + quoted(kv.first) + ": " + num(kv.second);
    first = false;
  }
  s += "}";
  if (!h.formula.empty()) s += ", \"formula\": " + quoted(h.formula);
  return s + "}";
}

// The parts both scripts share: reading IDX files, the data, and the command line.
const char* kData = R"PY(
def read_idx(path):
    """An IDX file (plain or .gz) as a NumPy array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_idx_dir(folder):
    """The four MNIST IDX files of a folder (each may be .gz)."""
    def find(name):
        for candidate in (name, name + ".gz"):
            path = os.path.join(folder, candidate)
            if os.path.exists(path):
                return path
        raise SystemExit(f"{folder}: {name} (or {name}.gz) is missing")
    return (read_idx(find("train-images-idx3-ubyte")), read_idx(find("train-labels-idx1-ubyte")),
            read_idx(find("t10k-images-idx3-ubyte")), read_idx(find("t10k-labels-idx1-ubyte")))


def prepare(images, labels):
    return images.reshape(len(images), 784).astype(np.float32) / 255.0, labels.astype(np.int64)


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idx", help="a folder with the four MNIST IDX files (offline)")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="0 only evaluates")
    parser.add_argument("--weights", help="start from these weights (.npz)")
    parser.add_argument("--save", help="write the trained weights (.npz)")
    return parser.parse_args(argv)
)PY";

const char* kTorchBody = R"PY(

def _c(v):
    return torch.tensor(v, dtype=torch.float32)


def _f(c):
    return c.to(torch.float32) if torch.is_tensor(c) else float(c)


class Maxout(nn.Module):
    """The max of k linear pieces per unit: the Linear before it has units * k outputs."""

    def __init__(self, units, k):
        super().__init__()
        self.units, self.k = units, k

    def forward(self, x):
        return x.view(-1, self.units, self.k).amax(dim=-1)


class Swish(nn.Module):
    """SiLU with a slope: x * sigmoid(beta * x)."""

    def __init__(self, beta):
        super().__init__()
        self.beta = beta

    def forward(self, x):
        return x * torch.sigmoid(self.beta * x)
%CUSTOM%

def build_model():
    return nn.Sequential(
%LAYERS%
    )


def initialize(model):
    """The playground's initialisers (Keras' definitions) and bias starts."""
    torch.manual_seed(SEED)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for i, linear in enumerate(linears):
            fan_in, fan_out = linear.in_features, linear.out_features
            if INIT == "lecun_normal":
                std = math.sqrt(1.0 / fan_in) / 0.87962566103423978  # Keras: truncated at 2 sigma
                nn.init.trunc_normal_(linear.weight, 0.0, std, -2 * std, 2 * std)
            else:
                limit = math.sqrt(6.0 / fan_in) if INIT == "he_uniform" else math.sqrt(6.0 / (fan_in + fan_out))
                nn.init.uniform_(linear.weight, -limit, limit)
            nn.init.constant_(linear.bias, BIAS_INIT if i < len(linears) - 1 else 0.0)


def make_optimizer(model):
    kind = SETUP["optimizer"]["kind"]
    o = SETUP["optimizer"]
    if kind == "rmsprop":
        # Keras' rho 0.9 and epsilon 1e-7, written out: PyTorch's defaults are 0.99 and 1e-8.
        return torch.optim.RMSprop(model.parameters(), lr=o["lr"], alpha=o["rho"], eps=o["epsilon"])
    if kind == "adam":
        return torch.optim.Adam(model.parameters(), lr=o["lr"], betas=(o["beta_1"], o["beta_2"]), eps=o["epsilon"])
    return torch.optim.SGD(model.parameters(), lr=o["lr"], momentum=o["momentum"], nesterov=o["nesterov"])


def load_data(idx_dir):
    if idx_dir:
        xtr, ytr, xte, yte = load_idx_dir(idx_dir)
    else:
        from torchvision import datasets  # MNIST with the framework's usual loader
        root = os.path.join(os.path.expanduser("~"), ".cache", "mnist")
        train, test = datasets.MNIST(root, train=True, download=True), datasets.MNIST(root, train=False, download=True)
        xtr, ytr, xte, yte = train.data.numpy(), train.targets.numpy(), test.data.numpy(), test.targets.numpy()
    (xtr, ytr), (xte, yte) = prepare(xtr, ytr), prepare(xte, yte)
    return torch.from_numpy(xtr), torch.from_numpy(ytr), torch.from_numpy(xte), torch.from_numpy(yte)


def probabilities(model, x):
    model.eval()
    with torch.no_grad():
        return torch.softmax(model(x), dim=1)


def accuracy(model, x, y):
    return float((probabilities(model, x).argmax(dim=1) == y).float().mean())


def train(model, data, epochs):
    xtr, ytr, xte, yte = data
    optimizer = make_optimizer(model)
    order = torch.Generator().manual_seed(SEED)
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=order)
        for i in range(0, len(xtr), BATCH):
            batch = perm[i:i + BATCH]
            loss = F.cross_entropy(model(xtr[batch]), ytr[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(json.dumps({"epoch": epoch + 1, "loss": float(loss), "val_accuracy": accuracy(model, xte, yte)}), flush=True)


def load_weights(model, path):
    """Weights from an .npz in this model's state_dict names and shapes."""
    arrays = np.load(path)
    state = model.state_dict()
    for name, tensor in state.items():
        if name not in arrays.files:
            raise SystemExit(f"{path}: array {name} is missing (expected shape {tuple(tensor.shape)})")
        a = arrays[name]
        if a.shape != tuple(tensor.shape):
            raise SystemExit(f"{path}: array {name}: expected shape {tuple(tensor.shape)}, found {a.shape}")
        with torch.no_grad():
            tensor.copy_(torch.from_numpy(a.astype(np.float32)))


def save_weights(model, path):
    arrays = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    np.savez(path, playground=np.frombuffer(json.dumps(SETUP).encode(), dtype=np.uint8), **arrays)


def main(argv=None):
    args = arguments(argv)
    torch.manual_seed(SEED)
    model = build_model()
    initialize(model)
    if args.weights:
        load_weights(model, args.weights)
    data = load_data(args.idx)
    if args.epochs == 0:
        print(json.dumps({"epoch": 0, "val_accuracy": accuracy(model, data[2], data[3])}))
    else:
        train(model, data, args.epochs)
    if args.save:
        save_weights(model, args.save)


if __name__ == "__main__":
    main()
)PY";

const char* kKerasBody = R"PY(

class Maxout(layers.Layer):
    """The max of k linear pieces per unit: the Dense before it has units * k outputs."""

    def __init__(self, units, k, **kwargs):
        super().__init__(**kwargs)
        self.units, self.k = units, k

    def call(self, x):
        return ops.max(ops.reshape(x, (-1, self.units, self.k)), axis=-1)
%CUSTOM%

def build_model():
    return keras.Sequential([
        keras.Input(shape=(784,)),
%LAYERS%
    ])


def make_optimizer():
    o = SETUP["optimizer"]
    if o["kind"] == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=o["lr"], rho=o["rho"], epsilon=o["epsilon"])
    if o["kind"] == "adam":
        return keras.optimizers.Adam(learning_rate=o["lr"], beta_1=o["beta_1"], beta_2=o["beta_2"], epsilon=o["epsilon"])
    return keras.optimizers.SGD(learning_rate=o["lr"], momentum=o["momentum"], nesterov=o["nesterov"])


def load_data(idx_dir):
    if idx_dir:
        xtr, ytr, xte, yte = load_idx_dir(idx_dir)
    else:
        (xtr, ytr), (xte, yte) = keras.datasets.mnist.load_data()  # the framework's usual loader
    return prepare(xtr, ytr) + prepare(xte, yte)


def dense_layers(model):
    return [l for l in model.layers if isinstance(l, layers.Dense)]


def load_weights(model, path):
    """Weights from the playground's .npz (PyTorch's layout: kernels transposed here)."""
    arrays = np.load(path)
    i = 0
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            kernel, bias = arrays[f"{i}.weight"].T, arrays[f"{i}.bias"]
            layer.set_weights([kernel, bias])
            i += 2
        elif isinstance(layer, layers.PReLU):
            layer.set_weights([arrays[f"{i - 1}.weight"]])


def save_weights(model, path):
    out, i = {}, 0
    for layer in model.layers:
        if isinstance(layer, layers.Dense):
            kernel, bias = layer.get_weights()
            out[f"{i}.weight"], out[f"{i}.bias"] = kernel.T, bias
            i += 2
        elif isinstance(layer, layers.PReLU):
            out[f"{i - 1}.weight"] = layer.get_weights()[0]
    np.savez(path, playground=np.frombuffer(json.dumps(SETUP).encode(), dtype=np.uint8), **out)


def main(argv=None):
    args = arguments(argv)
    keras.utils.set_random_seed(SEED)
    model = build_model()
    if args.weights:
        load_weights(model, args.weights)
    model.compile(optimizer=make_optimizer(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    xtr, ytr, xte, yte = load_data(args.idx)
    if args.epochs == 0:
        print(json.dumps({"epoch": 0, "val_accuracy": float(model.evaluate(xte, yte, verbose=0)[1])}))
    else:
        model.fit(xtr, ytr, batch_size=BATCH, epochs=args.epochs, validation_data=(xte, yte), verbose=2)
    if args.save:
        save_weights(model, args.save)


if __name__ == "__main__":
    main()
)PY";

std::string replace(std::string s, const std::string& key, const std::string& value) {
  const size_t at = s.find(key);
  if (at != std::string::npos) s.replace(at, key.size(), value);
  return s;
}

}  // namespace

Framework framework_of(const std::string& name) {
  if (name == "pytorch") return Framework::pytorch;
  if (name == "keras") return Framework::keras;
  throw std::invalid_argument("unknown framework '" + printable(name) + "' (expected pytorch or keras)");
}

std::string setup_json(const TrainerConfig& c, int epochs) {
  std::string s = "{\"format\": \"activation-playground\", \"layout\": \"pytorch\", \"inputs\": " +
                  std::to_string(c.model.inputs) + ", \"outputs\": " + std::to_string(c.model.outputs) +
                  ", \"hidden\": [";
  for (size_t i = 0; i < c.model.hidden.size(); ++i) s += (i ? ", " : "") + hidden_json(c.model.hidden[i]);
  const OptimizerSpec& o = c.optimizer;
  s += "], \"init\": " + quoted(c.model.init) + ", \"bias_init\": " + num(c.model.bias_init) +
       ", \"optimizer\": {\"kind\": " + quoted(o.kind) + ", \"lr\": " + num(o.lr()) + ", \"rho\": " + num(o.rho) +
       ", \"epsilon\": " + num(o.epsilon) + ", \"momentum\": " + num(o.momentum) +
       ", \"nesterov\": " + (o.nesterov ? "true" : "false") + ", \"beta_1\": " + num(o.beta_1) +
       ", \"beta_2\": " + num(o.beta_2) + "}, \"batch\": " + std::to_string(c.batch_size) +
       ", \"epochs\": " + std::to_string(epochs) + ", \"seed\": " + std::to_string(c.seed) + "}";
  return s;
}

std::string export_code(const TrainerConfig& c, int epochs, Framework f) {
  const ModelPlan plan = plan_model(c.model);
  const bool keras = f == Framework::keras;
  std::string custom, layer_lines;
  uint64_t inputs = static_cast<uint64_t>(c.model.inputs);
  for (size_t i = 0; i < plan.hidden.size(); ++i) {
    const HiddenLayerPlan& h = plan.hidden[i];
    const std::string width = std::to_string(h.dense_width());
    if (h.info->kind == Activation::custom) {
      const std::string n = std::to_string(i + 1), expr = h.params.formula->python(keras);
      custom += keras ? "\n\ndef custom" + n + "(x):\n    \"\"\"Your own activation: f(x) = " + h.params.formula->text() +
                            "\"\"\"\n    return " + expr + "\n"
                      : "\n\nclass Custom" + n + "(nn.Module):\n    \"\"\"Your own activation: f(x) = " +
                            h.params.formula->text() + "\"\"\"\n\n    def forward(self, x):\n        return " + expr +
                            "\n";
    }
    if (keras) {
      const KerasAct a = keras_activation(h, i);
      layer_lines += "        layers.Dense(" + width + (a.argument.empty() ? "" : ", activation=" + a.argument) +
                     ", kernel_initializer=" + quoted(c.model.init) +
                     ", bias_initializer=keras.initializers.Constant(" + num(c.model.bias_init) + ")),\n";
      if (!a.layer.empty()) layer_lines += "        " + a.layer + ",\n";
    } else {
      layer_lines += "        nn.Linear(" + std::to_string(inputs) + ", " + width + "), " + torch_activation(h, i) + ",\n";
    }
    inputs = static_cast<uint64_t>(h.units);
  }
  const std::string outputs = std::to_string(c.model.outputs);
  layer_lines += keras ? "        layers.Dense(" + outputs + ", activation=\"softmax\", kernel_initializer=" +
                             quoted(c.model.init) + "),"
                       : "        nn.Linear(" + std::to_string(inputs) + ", " + outputs + "),";
  std::string head = std::string("#!/usr/bin/env python3\n\"\"\"Activation Playground experiment as a ") +
                     (keras ? "Keras 3" : "PyTorch") + " script.\n\n" +
                     "Builds and trains the playground's network: the same layers, activations and parameters,\n"
                     "initialisers, optimizer, batch size and epochs" +
                     (keras ? " (Keras 3, the study note's listing form).\n" : " (PyTorch 1.13 or later).\n") +
                     "\n  python3 this.py [--idx DIR] [--epochs N] [--weights FILE.npz] [--save FILE.npz]\n\n"
                     "Without --idx it loads MNIST with the framework's usual loader; --idx DIR reads the four IDX\n"
                     "files of DIR (plain or .gz), such as the playground's embedded split. Each epoch prints its\n"
                     "validation accuracy; --epochs 0 only evaluates.\n\"\"\"\n"
                     "import argparse\nimport gzip\nimport json\nimport math\nimport os\nimport struct\n\n"
                     "import numpy as np\n";
  head += keras ? "import keras\nfrom keras import layers, ops\n"
                : "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n";
  head += "\nSETUP = json.loads(" + quoted(setup_json(c, epochs)) + ")\n";
  head += "EPOCHS = " + std::to_string(epochs) + "\nBATCH = " + std::to_string(c.batch_size) +
          "\nSEED = " + std::to_string(c.seed) + "\nINIT = " + quoted(c.model.init) +
          "\nBIAS_INIT = " + num(c.model.bias_init) + "\n";
  std::string body = replace(replace(keras ? kKerasBody : kTorchBody, "%CUSTOM%", custom), "%LAYERS%", layer_lines);
  return head + kData + body;
}

std::vector<NpyArray> weights_to_npz(const TrainerConfig& c, int epochs, Model<float>& m) {
  std::vector<NpyArray> out;
  auto dense = [&](const Dense<float>& d, size_t index) {
    const size_t in = d.W.shape(0), o = d.W.shape(1);
    NpyArray w;
    w.name = std::to_string(index) + ".weight";
    w.shape = {o, in};
    w.values.resize(in * o);
    for (size_t i = 0; i < in; ++i)
      for (size_t j = 0; j < o; ++j) w.values[j * in + i] = d.W.data()[i * o + j];
    NpyArray b;
    b.name = std::to_string(index) + ".bias";
    b.shape = {o};
    b.values.assign(d.b.data(), d.b.data() + o);
    out.push_back(std::move(w));
    out.push_back(std::move(b));
  };
  size_t index = 0;
  for (auto& block : m.blocks()) {
    dense(*block.dense, index);
    if (auto* pr = dynamic_cast<PReLULayer<float>*>(block.act)) {
      NpyArray a;
      a.name = std::to_string(index + 1) + ".weight";
      a.shape = {pr->alpha.size()};
      a.values.assign(pr->alpha.data(), pr->alpha.data() + pr->alpha.size());
      out.push_back(std::move(a));
    }
    index += 2;
  }
  dense(m.head(), index);
  NpyArray manifest;
  manifest.name = "playground";
  manifest.is_bytes = true;
  manifest.bytes = setup_json(c, epochs);
  manifest.shape = {manifest.bytes.size()};
  out.push_back(std::move(manifest));
  return out;
}

std::string npz_manifest(const std::vector<NpyArray>& arrays) {
  for (const auto& a : arrays)
    if (a.name == "playground" && a.is_bytes) return a.bytes;
  return "";
}

void npz_to_weights(const std::vector<NpyArray>& arrays, Model<float>& m) {
  // The expected arrays, in order: (name, PyTorch shape, destination, transpose rows x cols).
  struct Want {
    std::string name;
    std::vector<uint64_t> shape;
    float* dst;
    size_t rows, cols;  // transpose from rows x cols (PyTorch) into cols x rows; 0 = copy
  };
  std::vector<Want> want;
  auto dense = [&](Dense<float>& d, size_t index) {
    const size_t in = d.W.shape(0), o = d.W.shape(1);
    want.push_back({std::to_string(index) + ".weight", {o, in}, d.W.data(), o, in});
    want.push_back({std::to_string(index) + ".bias", {o}, d.b.data(), 0, 0});
  };
  size_t index = 0;
  for (auto& block : m.blocks()) {
    dense(*block.dense, index);
    if (auto* pr = dynamic_cast<PReLULayer<float>*>(block.act))
      want.push_back({std::to_string(index + 1) + ".weight", {pr->alpha.size()}, pr->alpha.data(), 0, 0});
    index += 2;
  }
  dense(m.head(), index);

  std::vector<const NpyArray*> found;
  std::vector<const NpyArray*> values;
  for (const auto& a : arrays)
    if (!(a.name == "playground" && a.is_bytes)) values.push_back(&a);
  // Keras' np.savez(path, *model.get_weights()): arr_0, arr_1, ... in order, kernels in × out.
  const bool positional = !values.empty() && values[0]->name == "arr_0";
  if (positional && values.size() != want.size())
    throw NpzError("the file holds " + std::to_string(values.size()) + " arrays (arr_0 ...), the network needs " +
                   std::to_string(want.size()));
  for (size_t k = 0; k < want.size(); ++k) {
    Want& w = want[k];
    const NpyArray* a = nullptr;
    if (positional) {
      a = values[k];
      if (a->name != "arr_" + std::to_string(k)) throw NpzError("array '" + a->name + "' is out of order");
      if (w.rows) std::swap(w.shape[0], w.shape[1]), w.rows = 0;  // Keras kernels are in × out, as the playground's
    } else {
      for (const NpyArray* v : values)
        if (v->name == w.name) a = v;
      if (!a) throw NpzError("array '" + w.name + "' is missing (expected shape " + shape_text(w.shape) + ")");
    }
    if (a->is_bytes) throw NpzError("array '" + a->name + "' holds bytes, not float32 values");
    if (a->shape != w.shape)
      throw NpzError("array '" + a->name + "': expected shape " + shape_text(w.shape) + ", found " +
                     shape_text(a->shape));
    for (float v : a->values)
      if (!std::isfinite(v)) throw NpzError("array '" + a->name + "' holds a value that is not finite");
    found.push_back(a);
  }
  if (!positional)
    for (const NpyArray* v : values) {
      bool known = false;
      for (const auto& w : want) known = known || v->name == w.name;
      if (!known) throw NpzError("array '" + v->name + "' is not part of this network");
    }
  // Every check passed: copy.
  for (size_t k = 0; k < want.size(); ++k) {
    const Want& w = want[k];
    const std::vector<float>& src = found[k]->values;
    if (w.rows) {
      for (size_t r = 0; r < w.rows; ++r)
        for (size_t c = 0; c < w.cols; ++c) w.dst[c * w.rows + r] = src[r * w.cols + c];
    } else {
      std::copy(src.begin(), src.end(), w.dst);
    }
  }
}

}  // namespace nn
