#include "trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "weights_io.h"

namespace nn {

uint64_t training_memory_bytes(const ModelPlan& plan, const OptimizerSpec& o, int batch_size) {
  // Every value has a gradient; the optimizer keeps 0, 1 or 2 slots per value.
  const uint64_t slots = o.kind == "adam" ? 2 : o.kind == "rmsprop" ? 1 : o.momentum > 0 ? 1 : 0;
  uint64_t floats = plan.parameters * (2 + slots);
  // Activations for the largest batch a network sees: training batches,
  // evaluation chunks of 500 and the probe batch of 256.
  const uint64_t rows = std::max<uint64_t>({static_cast<uint64_t>(std::max(batch_size, 1)), 500, 256});
  uint64_t width_sum = static_cast<uint64_t>(plan.spec.inputs) * 2;  // the batch and the first layer's input
  uint64_t in = static_cast<uint64_t>(plan.spec.inputs);
  for (const auto& h : plan.hidden) {
    width_sum += h.training_floats_per_row(in);
    in = static_cast<uint64_t>(h.units);
  }
  width_sum += 4 * static_cast<uint64_t>(plan.spec.outputs) + in;  // logits, probabilities, their gradient
  floats += rows * width_sum;
  constexpr uint64_t kFixedBytes = 1 << 20;  // SGEMM pack buffers, bookkeeping
  return floats * 4 + kFixedBytes;
}

uint64_t training_memory_bytes(const TrainerConfig& c) {
  return training_memory_bytes(plan_model(c.model), c.optimizer, c.batch_size);
}

ModelPlan validate(const TrainerConfig& c) {
  ModelPlan plan = plan_model(c.model);
  validate(c.optimizer);
  if (c.batch_size < 1 || c.batch_size > 8192)
    throw std::invalid_argument("batch size must be in [1, 8192], got " + std::to_string(c.batch_size));
  const uint64_t bytes = training_memory_bytes(plan, c.optimizer, c.batch_size);
  if (bytes > kMaxTrainingBytes)
    throw std::invalid_argument("training this network needs about " + grouped(bytes >> 20) +
                                " MB of memory; the limit is " + grouped(kMaxTrainingBytes >> 20) + " MB");
  return plan;
}

namespace {
// Separate streams for weights and data order, so the same seed gives the same
// initial weights whatever the data.
constexpr uint64_t kShuffleStream = 0x5851F42D4C957F2Dull;
constexpr size_t kProbeSize = 256;
constexpr int kHistBins = 48;
constexpr double kSaturated = 0.05;
}  // namespace

Trainer::Trainer(const TrainerConfig& config)
    : config_(config),
      model_(std::make_unique<Model<float>>(validate(config), config.seed)),
      optimizer_(config.optimizer),
      shuffle_rng_(config.seed ^ kShuffleStream) {}

int Trainer::steps_per_epoch() const {
  return static_cast<int>((train_.count + config_.batch_size - 1) / config_.batch_size);
}

void Trainer::set_data(Dataset train, Dataset test) {
  for (const Dataset* d : {&train, &test}) {
    if (d->count == 0) throw DataError("dataset is empty");
    if (d->features() != static_cast<size_t>(config_.model.inputs))
      throw DataError("images have " + std::to_string(d->features()) + " pixels, the model expects " +
                      std::to_string(config_.model.inputs));
    if (d->images.size() != d->count * d->features() || d->labels.size() != d->count)
      throw DataError("dataset arrays do not match its count");
    for (uint8_t l : d->labels)
      if (l >= config_.model.outputs) throw DataError("label " + std::to_string(l) + " is out of range");
  }
  train_ = std::move(train);
  test_ = std::move(test);
  order_.resize(train_.count);
  std::iota(order_.begin(), order_.end(), 0u);
  shuffle_rng_ = Rng(config_.seed ^ kShuffleStream);
  shuffle_rng_.shuffle(order_);
  position_ = 0;
  epoch_ = 0;
}

void Trainer::fill_batch(const Dataset& d, const uint32_t* index, size_t n, Mat<float>& x,
                         std::vector<uint8_t>& y) const {
  const size_t f = d.features();
  ensure_shape(x, n, f);
  y.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* src = d.images.data() + static_cast<size_t>(index[i]) * f;
    float* dst = x.data() + i * f;
    for (size_t j = 0; j < f; ++j) dst[j] = src[j] * (1.0f / 255.0f);
    y[i] = d.labels[index[i]];
  }
}

namespace {
double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// The timed layer seconds split into the matrix products (Dense layers) and the activations.
void split_stages(Model<float>& model, const Model<float>::Timing& timing, double& gemm, double& act) {
  gemm = act = 0;
  auto& layers = model.layers();
  for (size_t i = 0; i < timing.layer_seconds.size(); ++i)
    (dynamic_cast<Dense<float>*>(layers[i].get()) ? gemm : act) += timing.layer_seconds[i];
}
}  // namespace

StepStats Trainer::train_steps(int n, StepProfile* profile) {
  if (!has_data()) throw std::logic_error("no training data: call set_data first");
  if (diverged_) throw DivergedError("training diverged (loss is NaN or infinite); reset the network");
  if (n < 0) throw std::invalid_argument("number of steps must be >= 0");
  StepStats s;
  double loss_sum = 0, correct_sum = 0;
  auto params = model_->params();
  Model<float>::Timing timing;
  double optimizer_seconds = 0, other_seconds = 0;
  const double start = profile ? seconds_now() : 0;
  // Per step: the matrix products and the activations, for the fastest step's figures.
  double gemm_before = 0, act_before = 0;
  double gemm_min = std::numeric_limits<double>::infinity(), act_min = gemm_min;
  for (int k = 0; k < n; ++k) {
    double t = profile ? seconds_now() : 0;
    const size_t b = std::min<size_t>(config_.batch_size, train_.count - position_);
    fill_batch(train_, order_.data() + position_, b, x_, y_);
    if (profile) other_seconds += seconds_now() - t;
    size_t correct = 0;
    const float loss = model_->forward_backward(x_, y_.data(), &correct, profile ? &timing : nullptr);
    if (profile) {
      double gemm_now, act_now;
      split_stages(*model_, timing, gemm_now, act_now);
      if (b == static_cast<size_t>(config_.batch_size)) {  // an epoch's short last batch is not a step to compare
        gemm_min = std::min(gemm_min, gemm_now - gemm_before);
        act_min = std::min(act_min, act_now - act_before);
      }
      gemm_before = gemm_now;
      act_before = act_now;
    }
    if (!std::isfinite(loss)) {
      diverged_ = true;
      s.diverged = true;
      break;
    }
    ++step_;
    if (profile) t = seconds_now();
    optimizer_.step(params, step_);
    if (profile) optimizer_seconds += seconds_now() - t;
    loss_sum += static_cast<double>(loss) * b;
    correct_sum += static_cast<double>(correct);
    s.samples_run += static_cast<int>(b);
    ++s.steps_run;
    position_ += b;
    if (position_ >= train_.count) {
      position_ = 0;
      ++epoch_;
      shuffle_rng_.shuffle(order_);
    }
  }
  if (profile && s.steps_run > 0) {
    const double per_step_ms = 1000.0 / s.steps_run;
    *profile = StepProfile{};
    double gemm_seconds, act_seconds;
    split_stages(*model_, timing, gemm_seconds, act_seconds);
    profile->gemm = gemm_seconds * per_step_ms;
    profile->activation = act_seconds * per_step_ms;
    // Only short batches: the means stand in.
    profile->gemm_min = std::isfinite(gemm_min) ? gemm_min * 1000.0 : profile->gemm;
    profile->activation_min = std::isfinite(act_min) ? act_min * 1000.0 : profile->activation;
    profile->loss = timing.loss_seconds * per_step_ms;
    profile->optimizer = optimizer_seconds * per_step_ms;
    profile->measured = (seconds_now() - start) * per_step_ms;
    // The rest: the batch, and whatever the loop did between the timed stages.
    profile->other = other_seconds * per_step_ms;
    profile->steps = s.steps_run;
  }
  s.loss = s.samples_run ? loss_sum / s.samples_run : std::nan("");
  s.accuracy = s.samples_run ? correct_sum / s.samples_run : 0;
  if (s.diverged) s.loss = std::nan("");
  s.step = step_;
  s.epoch = epoch_;
  s.epoch_fraction = train_.count ? static_cast<double>(position_) / train_.count : 0;
  return s;
}

StepProfile Trainer::time_step() {
  if (!has_data()) throw std::logic_error("no training data: call set_data first");
  // A full batch: the next one, or the epoch's first if the rest is short.
  const size_t b = std::min<size_t>(config_.batch_size, train_.count);
  const size_t at = train_.count - position_ >= b ? position_ : 0;
  const double t0 = seconds_now();
  fill_batch(train_, order_.data() + at, b, x_, y_);
  const double t1 = seconds_now();
  Model<float>::Timing timing;
  model_->forward_backward(x_, y_.data(), nullptr, &timing);
  StepProfile p;
  split_stages(*model_, timing, p.gemm, p.activation);
  p.gemm *= 1000.0;
  p.activation *= 1000.0;
  p.loss = timing.loss_seconds * 1000.0;
  p.other = (t1 - t0) * 1000.0;
  p.measured = (seconds_now() - t0) * 1000.0;
  p.gemm_min = p.gemm;
  p.activation_min = p.activation;
  p.steps = 1;
  return p;
}

EvalStats Trainer::evaluate(size_t max_samples) {
  if (test_.count == 0) throw std::logic_error("no validation data: call set_data first");
  const size_t n = max_samples ? std::min(max_samples, test_.count) : test_.count;
  const int c = config_.model.outputs;
  EvalStats e;
  e.classes = c;
  e.count = n;
  e.confusion.assign(static_cast<size_t>(c) * c, 0);
  constexpr size_t kChunk = 500;
  std::vector<uint32_t> index(kChunk);
  Mat<float> x, probs;
  std::vector<uint8_t> y;
  double loss_sum = 0;
  size_t right = 0;
  for (size_t at = 0; at < n; at += kChunk) {
    const size_t m = std::min(kChunk, n - at);
    std::iota(index.begin(), index.begin() + m, static_cast<uint32_t>(at));
    fill_batch(test_, index.data(), m, x, y);
    const Mat<float>& logits = model_->forward(x);
    size_t correct = 0;
    loss_sum += static_cast<double>(softmax_cross_entropy(logits, y.data(), probs, nullptr, &correct)) * m;
    right += correct;
    for (size_t i = 0; i < m; ++i) {
      const float* p = probs.data() + i * c;
      const int pred = static_cast<int>(std::max_element(p, p + c) - p);
      ++e.confusion[static_cast<size_t>(y[i]) * c + pred];
      if (pred != y[i] && e.misclassified.size() < 64) {
        e.misclassified.push_back(static_cast<int>(at + i));
        e.predicted.push_back(pred);
      }
    }
  }
  e.loss = loss_sum / n;
  e.accuracy = static_cast<double>(right) / n;
  return e;
}

std::vector<float> Trainer::predict(const float* pixels, size_t n) {
  const size_t f = config_.model.inputs;
  Mat<float> x = Mat<float>::from_shape({n, f});
  for (size_t i = 0; i < n * f; ++i) {
    const float v = pixels[i];
    if (!std::isfinite(v))
      throw std::invalid_argument("predict: pixel " + std::to_string(i) + " is not a finite number");
    x.data()[i] = std::min(1.0f, std::max(0.0f, v));
  }
  const Mat<float>& p = model_->predict(x);
  return std::vector<float>(p.data(), p.data() + p.size());
}

void Trainer::predict_one(float* pixels, float* probs) {
  const size_t f = config_.model.inputs;
  for (size_t i = 0; i < f; ++i) {
    const float v = pixels[i];
    if (!std::isfinite(v))
      throw std::invalid_argument("predict: pixel " + std::to_string(i) + " is not a finite number");
    pixels[i] = std::min(1.0f, std::max(0.0f, v));
  }
  model_->predict_row(pixels, probs);
}

namespace {
/// Histogram of pre-activations (for Maxout, of every piece) into d's
/// kHistBins bins over [hist_min, hist_max].
void histogram_of(const Mat<float>& z, LayerDiagnostics& d) {
  // The bin is found in double and clamped before any conversion to int; NaN
  // and ±inf are counted on their own, never binned.
  d.histogram.assign(kHistBins, 0);
  d.nonfinite = 0;
  const double width = (d.hist_max - d.hist_min) / kHistBins;
  for (size_t i = 0; i < z.size(); ++i) {
    const double v = z.data()[i];
    if (!std::isfinite(v)) {
      ++d.nonfinite;
      continue;
    }
    const double pos = (v - d.hist_min) / width;
    const int bin = pos < 1 ? 0 : pos >= kHistBins - 1 ? kHistBins - 1 : static_cast<int>(pos);
    ++d.histogram[bin];
  }
}

}  // namespace

std::vector<LayerDiagnostics> Trainer::diagnostics() {
  std::vector<LayerDiagnostics> out;
  if (!has_data()) throw std::logic_error("no training data: call set_data first");
  // The probe batch: the first training samples in file order, fixed for a run.
  const size_t n = std::min(kProbeSize, train_.count);
  std::vector<uint32_t> index(n);
  std::iota(index.begin(), index.end(), 0u);
  Mat<float> x;
  std::vector<uint8_t> y;
  fill_batch(train_, index.data(), n, x, y);
  model_->forward_backward(x, y.data());

  // Kernel parameter positions, to find each block's last update norm.
  auto params = model_->params();
  const auto& updates = optimizer_.last_update_norms();

  int layer = 0;
  for (auto& b : model_->blocks()) {
    LayerDiagnostics d;
    d.layer = layer++;
    d.units = b.plan->units;
    d.activation = b.plan->info->id;
    const Mat<float>& z = b.dense->output();  // pre-activations, n × units·k
    const Mat<float>& a = b.act->output();    // outputs, n × units
    const size_t u = static_cast<size_t>(b.plan->units);

    // Inactive, dead and saturated units, as the activation stage reports them.
    UnitStats stats;
    b.act->unit_stats(z, kSaturated, stats);
    d.inactive_units = std::move(stats.inactive);
    d.dead_units = std::move(stats.dead);
    d.dead_fraction = static_cast<double>(std::count(d.dead_units.begin(), d.dead_units.end(), 1)) / u;
    d.inactive_fraction = static_cast<double>(std::count(d.inactive_units.begin(), d.inactive_units.end(), 1)) / u;
    d.saturation_fraction = static_cast<double>(stats.saturated) / (n * u);
    d.piece_usage = std::move(stats.piece_usage);
    if (!stats.alpha.empty()) {
      const auto& al = stats.alpha;
      d.alpha_min = *std::min_element(al.begin(), al.end());
      d.alpha_max = *std::max_element(al.begin(), al.end());
      d.alpha_mean = std::accumulate(al.begin(), al.end(), 0.0) / al.size();
      std::vector<float> sorted(al.begin(), al.end());
      std::sort(sorted.begin(), sorted.end());
      for (double q : {0.1, 0.25, 0.5, 0.75, 0.9})  // nearest rank
        d.alpha_quantiles.push_back(sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()))]);
    }

    // Output statistics (zero-centredness).
    double sum = 0, sq = 0;
    for (size_t i = 0; i < n * u; ++i) sum += a.data()[i];
    d.mean_output = sum / (n * u);
    for (size_t i = 0; i < n * u; ++i) sq += (a.data()[i] - d.mean_output) * (a.data()[i] - d.mean_output);
    d.std_output = std::sqrt(sq / (n * u));

    // Gradient and weight norms; last update relative to the weights.
    double g2 = 0, w2 = 0;
    for (size_t i = 0; i < b.dense->dW.size(); ++i) g2 += double(b.dense->dW.data()[i]) * b.dense->dW.data()[i];
    for (size_t i = 0; i < b.dense->W.size(); ++i) w2 += double(b.dense->W.data()[i]) * b.dense->W.data()[i];
    d.grad_norm = std::sqrt(g2);
    d.weight_norm = std::sqrt(w2);
    for (size_t i = 0; i < params.size() && i < updates.size(); ++i)
      if (params[i].value == b.dense->W.data() && d.weight_norm > 0) d.update_ratio = updates[i] / d.weight_norm;

    histogram_of(b.dense->output(), d);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<uint8_t> Trainer::save_weights(WeightsEncoding encoding) { return nn::save_weights(*model_, encoding); }

void Trainer::load_weights(const uint8_t* data, size_t size) {
  auto model = load_model(data, size);  // throws before anything changes
  const ModelSpec& spec = model->spec();
  if (spec.inputs != config_.model.inputs || spec.outputs != config_.model.outputs)
    throw WeightsError("weights file is for a model with " + std::to_string(spec.inputs) + " inputs and " +
                       std::to_string(spec.outputs) + " classes, this one has " + std::to_string(config_.model.inputs) +
                       " and " + std::to_string(config_.model.outputs));
  config_.model = spec;
  model_ = std::move(model);
  optimizer_.reset();
  diverged_ = false;
}

}  // namespace nn
