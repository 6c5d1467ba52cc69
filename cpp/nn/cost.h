// What an activation costs, measured where the cost lives: f and f' over a
// fixed block of values, interleaved with ReLU as the reference in one run
// (several rounds, medians), so the figure is a ratio that a busy machine
// slows on both sides alike. And a training step broken down by stage.
#pragma once
#include <string>

#include "hidden.h"

namespace nn {

/// Per-element cost of one activation, in nanoseconds, and relative to ReLU
/// measured alongside it (medians of the per-round ratios).
struct ActivationCost {
  double forward_ns = 0, backward_ns = 0;
  double relu_forward_ns = 0, relu_backward_ns = 0;
  double forward_relative = 0, backward_relative = 0;
  double relative_to_relu = 0;  ///< (f + f') relative to ReLU's (f + f')
};

/// Times f and f' of the activation of a hidden-layer spec (its activation,
/// parameters and formula; the units are ignored) over 65,536 values spread
/// over [-6, 6], through the very layer a network runs (PReLU's per-unit alpha
/// rows; Maxout's max over k pieces per output value and the winner's gradient
/// back), interleaved with ReLU's layer, for `rounds` rounds. Each timing covers
/// enough repetitions to last about two milliseconds, whatever the clock's
/// resolution. Throws std::invalid_argument for an impossible spec.
ActivationCost activation_cost(const HiddenSpec& spec, int rounds = 9);

}  // namespace nn
