#!/usr/bin/env python3
"""The notebook bridge against real PyTorch (Debian's python3-torch, 1.13).

The playground's native trainer (build/native/train, the engine's C++ core)
exports its network as PyTorch and Keras scripts and its weights as .npz; this
checks, on the 2,000 embedded test digits (build/data/mnist):
  1. the exported PyTorch model with the exported weights gives the engine's
     probabilities (max |dp| <= 1e-4) for relu, elu, prelu, maxout, gelu and a
     formula of the learner's own;
  2. the exported script trains 2 epochs to within 1.5 points of the
     playground's own run of the same setup;
  3. weights trained in PyTorch (and saved Keras-style) load into the engine,
     which then predicts the same classes as PyTorch on every digit (the file
     and PyTorch's classes are left in build/notebook for the JS and page tests);
  4. the Keras script parses and names the same setup, layers, activations,
     initialisers and hyper-parameters as the PyTorch one, for every activation
     (Keras itself is not in Debian's package sources);
  5. refused files say why (dtype, shape, missing array) and exit cleanly.
Run: python3 -m unittest tests/python/test_notebook.py (from the repository root).
"""
import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRAIN = os.path.join(ROOT, "build", "native", "train")
DATA = os.path.join(ROOT, "build", "data", "mnist")
FORMULA = "x * sigmoid(x) + 0.1 * softplus(x) - 0.05 * where(x < -1, tanh(x), erf(x)) + min(x, 2) ^ 2 / 20"
TMP = tempfile.mkdtemp(prefix="notebook-")
FIXTURES = os.path.join(ROOT, "build", "notebook")


def train(*args, check=True):
    """Runs the playground's native trainer; returns its epoch lines (JSON)."""
    r = subprocess.run([TRAIN, "--data", DATA, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"train {' '.join(args)} failed: {r.stderr}")
    return r if not check else [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]


def load_module(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def layer_args(act):
    extra = ["--formula", FORMULA] if act == "custom" else []
    if act == "prelu":
        extra += ["--activation-param", "alpha_init=0.25"]
    if act == "maxout":
        extra += ["--activation-param", "k=3"]
    return ["--hidden", f"64:{act},32:tanh" if act == "elu" else f"64:{act}"] + extra


class ForwardMatchesTheEngine(unittest.TestCase):
    def test_probabilities_agree_for_every_kind_of_layer(self):
        torch.set_num_threads(1)
        for act in ["relu", "elu", "prelu", "maxout", "gelu", "custom"]:
            base = os.path.join(TMP, f"fwd-{act}")
            train("--epochs", "1", *layer_args(act), "--export", "pytorch", base + ".py",
                  "--save-npz", base + ".npz", "--probs", base + "-probs.npz")
            m = load_module(base + ".py")
            model = m.build_model()
            m.load_weights(model, base + ".npz")
            _, _, xte, yte = m.load_data(DATA)
            p = m.probabilities(model, xte).numpy()
            ref = np.load(base + "-probs.npz")
            self.assertEqual(p.shape, (2000, 10))
            np.testing.assert_array_equal(ref["labels"], yte.numpy().astype(np.float32))
            dp = float(np.abs(p - ref["probs"]).max())
            print(f"  {act:8s} max |dp| = {dp:.2e}")
            self.assertLessEqual(dp, 1e-4, act)


class TrainingMatchesThePlayground(unittest.TestCase):
    def test_two_epochs_of_the_exported_script(self):
        torch.set_num_threads(2)
        path = os.path.join(TMP, "train.py")
        ours = train("--epochs", "2", "--export", "pytorch", path)[-1]["val_accuracy"]
        out = subprocess.run([sys.executable, path, "--idx", DATA], capture_output=True, text=True, check=True)
        lines = [json.loads(line) for line in out.stdout.splitlines()]
        self.assertEqual([l["epoch"] for l in lines], [1, 2])
        theirs = lines[-1]["val_accuracy"]
        print(f"  2 epochs of 784-512(relu)-10: playground {ours:.4f}, exported PyTorch {theirs:.4f}")
        self.assertLessEqual(abs(ours - theirs), 0.015)
        self.assertGreater(theirs, 0.9)


class WeightsFromPyTorchLoadIntoTheEngine(unittest.TestCase):
    def test_trained_in_pytorch_predicts_the_same_classes(self):
        torch.set_num_threads(2)
        code, trained = os.path.join(TMP, "small.py"), os.path.join(TMP, "torch-trained.npz")
        train("--hidden", "32:elu", "--export", "pytorch", code)
        subprocess.run([sys.executable, code, "--idx", DATA, "--epochs", "1", "--save", trained], check=True,
                       capture_output=True)
        m = load_module(code)
        model = m.build_model()
        m.load_weights(model, trained)
        _, _, xte, _ = m.load_data(DATA)
        torch_classes = m.probabilities(model, xte).numpy().argmax(axis=1)
        probs = os.path.join(TMP, "engine-probs.npz")
        train("--hidden", "32:elu", "--epochs", "0", "--load-npz", trained, "--probs", probs)
        engine_classes = np.load(probs)["probs"].argmax(axis=1)
        self.assertEqual(int((engine_classes != torch_classes).sum()), 0)
        # For the JS API's and the page's tests (tests/js/notebook.test.mjs, tests/e2e/notebook.test.mjs).
        os.makedirs(FIXTURES, exist_ok=True)
        shutil.copy(trained, os.path.join(FIXTURES, "torch-32-elu.npz"))
        with open(os.path.join(FIXTURES, "torch-32-elu.json"), "w") as f:
            json.dump({"hidden": [{"units": 32, "activation": "elu"}], "classes": torch_classes.tolist()}, f)
        # The same weights saved as Keras does (np.savez(path, *model.get_weights()): kernels in x out).
        w = np.load(trained)
        keras_style = os.path.join(TMP, "keras-style.npz")
        np.savez(keras_style, w["0.weight"].T, w["0.bias"], w["2.weight"].T, w["2.bias"])
        train("--hidden", "32:elu", "--epochs", "0", "--load-npz", keras_style, "--probs", probs)
        self.assertEqual(int((np.load(probs)["probs"].argmax(axis=1) != torch_classes).sum()), 0)


class RefusedFilesSayWhy(unittest.TestCase):
    def refused(self, arrays, *needles):
        path = os.path.join(TMP, "bad.npz")
        np.savez(path, **arrays)
        r = train("--hidden", "32:relu", "--epochs", "0", "--load-npz", path, check=False)
        self.assertEqual(r.returncode, 2, r.stderr)
        for n in needles:
            self.assertIn(n, r.stderr)

    def test_messages(self):
        good = {"0.weight": np.zeros((32, 784), np.float32), "0.bias": np.zeros(32, np.float32),
                "2.weight": np.zeros((10, 32), np.float32), "2.bias": np.zeros(10, np.float32)}
        self.refused({**good, "0.weight": np.zeros((784, 32), np.float32)}, "0.weight",
                     "expected shape (32, 784), found (784, 32)")
        self.refused({**good, "2.bias": np.zeros(10, np.float64)}, "2.bias", "float64", "float32")
        self.refused({k: v for k, v in good.items() if k != "2.weight"}, "2.weight", "missing")
        path = os.path.join(TMP, "compressed.npz")
        np.savez_compressed(path, **good)
        r = train("--hidden", "32:relu", "--epochs", "0", "--load-npz", path, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("np.savez", r.stderr)


KERAS_ACTIVATION = {
    "linear": '"linear"', "sigmoid": '"sigmoid"', "tanh": '"tanh"', "relu": '"relu"',
    "leaky_relu": "layers.LeakyReLU(negative_slope=", "prelu": "layers.PReLU(alpha_initializer=",
    "elu": "layers.ELU(alpha=", "maxout": "Maxout(64, 2)", "gelu": "keras.activations.gelu(x, approximate=False)",
    "silu": '"silu"', "mish": '"mish"', "selu": '"selu"', "softplus": '"softplus"', "custom": "def custom1(x)",
}


def setup_of(path):
    """The SETUP literal of an exported file (json.loads of a string constant)."""
    with open(path) as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SETUP":
            return json.loads(node.value.args[0].value)
    raise AssertionError(f"{path}: no SETUP")


class KerasNamesTheSameSetup(unittest.TestCase):
    def test_every_activation(self):
        acts = subprocess.run([TRAIN, "--help"], capture_output=True, text=True).stdout.split("Activations: ")[1].split()
        self.assertEqual(set(acts), set(KERAS_ACTIVATION))
        for act in acts:
            extra = ["--formula", FORMULA] if act == "custom" else []
            for opt in (["--optimizer", "rmsprop"], ["--optimizer", "adam", "--lr", "0.002"],
                        ["--optimizer", "sgd", "--momentum", "0.9", "--nesterov"]):
                args = ["--hidden", f"64:{act}", *extra, *opt, "--init", "he_uniform", "--batch", "64", "--epochs", "3"]
                t, k = os.path.join(TMP, f"{act}.py"), os.path.join(TMP, f"{act}-keras.py")
                train(*args, "--export", "pytorch", t)
                train(*args, "--export", "keras", k)
                st, sk = setup_of(t), setup_of(k)
                self.assertEqual(st, sk, act)
                self.assertEqual(st["hidden"][0]["activation"], act)
                self.assertEqual((st["batch"], st["epochs"], st["init"]), (64, 3, "he_uniform"))
                with open(k) as f:
                    keras_code = f.read()
                with open(t) as f:
                    torch_code = f.read()
                self.assertIn(KERAS_ACTIVATION[act], keras_code, act)
                self.assertIn('kernel_initializer="he_uniform"', keras_code)
                self.assertIn("layers.Dense(" + ("128" if act == "maxout" else "64"), keras_code)
                self.assertIn("batch_size=BATCH", keras_code)
                o = st["optimizer"]
                self.assertEqual(o["kind"], opt[1])
                if opt[1] == "rmsprop":
                    self.assertEqual((o["rho"], o["epsilon"], o["lr"]), (0.9, 1e-07, 0.001))
                    self.assertIn('keras.optimizers.RMSprop(learning_rate=o["lr"], rho=o["rho"], epsilon=o["epsilon"])', keras_code)
                    self.assertIn('torch.optim.RMSprop(model.parameters(), lr=o["lr"], alpha=o["rho"], eps=o["epsilon"])', torch_code)
                if opt[1] == "sgd":
                    self.assertEqual((o["momentum"], o["nesterov"]), (0.9, True))


if __name__ == "__main__":
    unittest.main(verbosity=2)
