// The notebook bridge: the playground's experiment as a runnable PyTorch or
// Keras 3 script, its weights as an .npz in PyTorch's layout, and weights
// trained there loaded back. One place for both the CLI and the page.
//
// The .npz names follow the exported PyTorch model, an nn.Sequential of
// Linear, activation, Linear, ...: hidden layer l's Linear is "{2l}.weight"
// (out × in, the transpose of the playground's kernel) and "{2l}.bias", a
// PReLU's alpha "{2l+1}.weight", the output Linear "{2L}.weight"/"{2L}.bias";
// an optional uint8 array "playground" holds the setup as JSON. Files saved
// from Keras with np.savez(path, *model.get_weights()) (arr_0, arr_1, ...: the
// kernels in Keras' in × out layout) are read too.
#pragma once
#include <string>
#include <vector>

#include "model.h"
#include "npz.h"
#include "trainer.h"

namespace nn {

enum class Framework { pytorch, keras };

/// Framework from "pytorch" or "keras"; throws std::invalid_argument otherwise.
Framework framework_of(const std::string& name);

/// The setup as JSON (the manifest): layers, initialiser, optimizer, batch, epochs, seed.
std::string setup_json(const TrainerConfig& c, int epochs);

/// A self-contained Python file that builds and trains `c` for `epochs` epochs.
std::string export_code(const TrainerConfig& c, int epochs, Framework f);

/// The model's weights as .npz arrays in PyTorch's layout, with the manifest.
std::vector<NpyArray> weights_to_npz(const TrainerConfig& c, int epochs, Model<float>& m);

/// Copies an .npz's arrays into m, after checking every name and shape against
/// m's spec (nothing changes on an error). Throws NpzError naming the array,
/// the expected shape and the one found.
void npz_to_weights(const std::vector<NpyArray>& arrays, Model<float>& m);

/// The manifest's JSON text, or "" when the file has none.
std::string npz_manifest(const std::vector<NpyArray>& arrays);

}  // namespace nn
