#pragma once
// Song et al.'s per-slot stationary token load (renewal-reward, arXiv 2601.21351 v3/v4): with
// immediate replenishment, a slot serves requests of prompt P and D output tokens back to back;
// sampled once per decode step, its context is P + i in the request's i-th step (i = 0..D-1).
//   theta = E[D P + D(D-1)/2] / E[D]                       (P + (D-1)/2 for fixed lengths)
//   var   = E[D P^2 + P D(D-1) + D(D-1)(2D-1)/6] / E[D] - theta^2   ((D^2 - 1)/12 fixed)
// afdsim's attention reads one token more (the new one): its KV read per slot is theta + 1.
#include <vector>

namespace afdsim {

// One (prompt, output) length pair of the request-length distribution and its probability.
struct RequestLengths {
  double prompt_tokens = 0;
  double output_tokens = 1;  // D >= 1
  double probability = 1;
};

struct SlotLoad {
  double theta_tokens = 0;        // decode-step-weighted mean context per slot
  double variance_tokens2 = 0;    // its variance across decode steps
};

// Throws std::invalid_argument for an empty distribution, D < 1 or a non-positive total weight.
SlotLoad stationary_slot_load(const std::vector<RequestLengths>& lengths);

} // namespace afdsim
