#include "sim/analytic/slot_load.hpp"

#include <stdexcept>

namespace afdsim {

SlotLoad stationary_slot_load(const std::vector<RequestLengths>& lengths)
{
  double total_probability = 0;
  double mean_d = 0;       // E[D]
  double load = 0;         // E[D P + D(D-1)/2]: context summed over a request's steps
  double load_squared = 0; // E[D P^2 + P D(D-1) + D(D-1)(2D-1)/6]: squared contexts summed
  for (const auto& l : lengths) {
    const double p = l.prompt_tokens;
    const double d = l.output_tokens;
    if (d < 1)
      throw std::invalid_argument("stationary_slot_load: output_tokens must be at least 1");
    total_probability += l.probability;
    mean_d += l.probability * d;
    load += l.probability * (d * p + d * (d - 1) / 2);
    load_squared += l.probability * (d * p * p + p * d * (d - 1) + d * (d - 1) * (2 * d - 1) / 6);
  }
  if (lengths.empty() || total_probability <= 0)
    throw std::invalid_argument("stationary_slot_load: needs lengths of positive total probability");
  SlotLoad s;
  s.theta_tokens = load / mean_d;  // the probabilities' total cancels in both ratios
  s.variance_tokens2 = load_squared / mean_d - s.theta_tokens * s.theta_tokens;
  return s;
}

} // namespace afdsim
