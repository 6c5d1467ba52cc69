// Training a Model<float> on a Dataset: seeded shuffling, mini-batches,
// train_steps(n) granularity (so a caller can interleave training with drawing),
// evaluation, diagnostics and weights files. This is the engine the native
// `train` program and the WebAssembly bindings both drive.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "idx.h"
#include "model.h"
#include "optimizers.h"
#include "weights_io.h"

namespace nn {

/// Everything that defines a run.
struct TrainerConfig {
  ModelSpec model;
  OptimizerSpec optimizer;
  int batch_size = 128;
  uint64_t seed = 1;
};

/// Memory one network needs to train with this configuration, in bytes: its
/// values, gradients and optimizer slots, plus the activations of the largest
/// batch it runs (training, evaluation or probe). Computed in 64-bit arithmetic
/// from the plan alone; the dataset is not included.
uint64_t training_memory_bytes(const ModelPlan& plan, const OptimizerSpec& optimizer, int batch_size);
/// The same for a configuration (its model planned first: throws for an impossible one).
uint64_t training_memory_bytes(const TrainerConfig& c);

/// The most memory one network may need (the wasm32 engine cannot address
/// more than 2 GiB by default): checked by validate().
constexpr uint64_t kMaxTrainingBytes = uint64_t(2) << 30;

/// Throws std::invalid_argument for an impossible configuration, including one
/// whose training_memory_bytes() exceed kMaxTrainingBytes. Returns the model's
/// plan: a Trainer is built from it, so a network is checked (and its custom
/// formula compiled) once.
ModelPlan validate(const TrainerConfig& c);

/// Result of train_steps(): means over the batches just run.
struct StepStats {
  double loss = 0;
  double accuracy = 0;
  long long step = 0;         ///< updates done so far (all epochs)
  int epoch = 0;              ///< epochs completed so far
  double epoch_fraction = 0;  ///< progress through the current epoch, 0..1
  int steps_run = 0;          ///< batches run by this call
  int samples_run = 0;        ///< samples in those batches
  bool diverged = false;      ///< the loss became NaN/Inf: the bad update was not applied
};

/// Where the time of training steps went, in milliseconds per step: the matrix
/// products (Dense layers, forward and backward, bias included), the
/// activations (forward and backward, PReLU and Maxout included), the fused
/// softmax + cross-entropy, the optimizer update, and the rest (filling the
/// batch, bookkeeping); `measured` is the wall time of the whole loop.
/// `gemm_min` and `activation_min` are those two stages in the fastest full-batch step:
/// another thread taking the core only ever adds time, so comparisons of cost
/// between networks read these (the means above are what a step takes).
struct StepProfile {
  double gemm = 0, activation = 0, loss = 0, optimizer = 0, other = 0;
  double measured = 0;
  double gemm_min = 0, activation_min = 0;
  int steps = 0;
};

/// Loss, accuracy and confusion matrix (rows: true class, columns: predicted).
struct EvalStats {
  double loss = 0;
  double accuracy = 0;
  size_t count = 0;
  int classes = 10;
  std::vector<int> confusion;
  std::vector<int> misclassified;  ///< indices of the first wrongly predicted samples (up to 64)
  std::vector<int> predicted;      ///< predicted class for those samples
};

/// Figures for one hidden layer on the fixed probe batch.
struct LayerDiagnostics {
  int layer = 0;
  int units = 0;
  std::string activation;
  /// Units through which no gradient reaches any trainable parameter for any
  /// probe sample: f'(z) == 0 on every sample (ReLU with z <= 0 throughout; a
  /// sigmoid saturated to exactly 0 slope). Leaky ReLU with a non-zero slope and
  /// ELU never are; PReLU never is (its alpha gets a gradient), nor Maxout (the
  /// winning piece always does).
  double dead_fraction = 0;
  double inactive_fraction = 0;    ///< units with pre-activation <= 0 on every probe sample (any activation)
  double saturation_fraction = 0;  ///< (sample, unit) pairs with |f'(z)| < 0.05
  double mean_output = 0, std_output = 0;
  double grad_norm = 0;                                 ///< L2 norm of dL/dW of the layer's Dense
  double weight_norm = 0;                               ///< L2 norm of W
  double update_ratio = 0;                              ///< ||last update of W|| / ||W|| (0 before training)
  double alpha_mean = 0, alpha_min = 0, alpha_max = 0;  ///< PReLU only
  std::vector<double> alpha_quantiles;  ///< PReLU only: 10th, 25th, 50th, 75th, 90th percentiles over the units
  std::vector<double> piece_usage;      ///< Maxout only: share of wins per piece
  double hist_min = -6, hist_max = 6;
  std::vector<int> histogram;           ///< finite pre-activations, values outside are clamped into the end bins
  uint64_t nonfinite = 0;               ///< pre-activations that are NaN or ±inf (not in the histogram)
  std::vector<uint8_t> dead_units;      ///< 1 for each dead unit
  std::vector<uint8_t> inactive_units;  ///< 1 for each inactive unit
};

/// Raised when train_steps() is called after a run diverged.
struct DivergedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Trainer {
 public:
  explicit Trainer(const TrainerConfig& config);

  /// Sets the training and validation sets (28×28 images, labels 0..9).
  /// Clears the data position (and starts epoch counting afresh), keeps weights.
  void set_data(Dataset train, Dataset test);
  bool has_data() const { return train_.count > 0; }

  /// Runs up to n mini-batches. Stops early, with diverged set, if the loss
  /// turns NaN or infinite (that update is not applied). With `profile`, the
  /// same steps are also timed stage by stage (they are real training steps).
  StepStats train_steps(int n, StepProfile* profile = nullptr);

  /// Times one step's stages without training: forward, loss and backward on
  /// the next batch, no update, the data position kept (the gradients are
  /// overwritten by the next step). gemm_min and activation_min equal gemm and
  /// activation. For timing networks side by side, alternately.
  StepProfile time_step();

  /// Loss, accuracy and confusion on the validation set (or its first max_samples).
  EvalStats evaluate(size_t max_samples = 0);

  /// Class probabilities for n images given as 0..1 floats, n × 10 values.
  std::vector<float> predict(const float* pixels, size_t n);

  /// One image's probabilities into `probs` (outputs values), with no
  /// allocation after the first call: clamps `pixels` to 0..1 in place; throws
  /// std::invalid_argument for a non-finite pixel.
  void predict_one(float* pixels, float* probs);

  /// Per hidden layer figures on the probe batch (the first 256 training samples).
  std::vector<LayerDiagnostics> diagnostics();

  std::vector<uint8_t> save_weights(WeightsEncoding encoding = WeightsEncoding::f32);
  /// Replaces the model (spec and weights) by the file's; resets the optimizer
  /// state. On any error throws WeightsError and changes nothing.
  void load_weights(const uint8_t* data, size_t size);

  long long step() const { return step_; }
  int epoch() const { return epoch_; }
  int steps_per_epoch() const;
  bool diverged() const { return diverged_; }
  const TrainerConfig& config() const { return config_; }
  Model<float>& model() { return *model_; }
  const Dataset& train_set() const { return train_; }
  const Dataset& test_set() const { return test_; }

 private:
  void fill_batch(const Dataset& d, const uint32_t* index, size_t n, Mat<float>& x, std::vector<uint8_t>& y) const;

  TrainerConfig config_;
  std::unique_ptr<Model<float>> model_;
  Optimizer<float> optimizer_;
  Dataset train_, test_;
  std::vector<uint32_t> order_;
  size_t position_ = 0;
  long long step_ = 0;
  int epoch_ = 0;
  bool diverged_ = false;
  Rng shuffle_rng_;
  Mat<float> x_;
  std::vector<uint8_t> y_;
};

}  // namespace nn
