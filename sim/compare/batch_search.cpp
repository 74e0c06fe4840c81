#include "sim/compare/batch_search.hpp"

#include <stdexcept>
#include <string>

namespace afdsim {

BatchSearchResult largest_batch_within(int min_batch, int max_batch, double tpot_bound_s,
                                       const std::function<double(int batch)>& tpot_s_at)
{
  if (min_batch < 1 || max_batch < min_batch)
    throw std::invalid_argument("largest_batch_within: need 1 <= min_batch <= max_batch, got " +
                                std::to_string(min_batch) + " and " + std::to_string(max_batch));
  BatchSearchResult result;
  const auto within = [&](int batch) {
    const double tpot_s = tpot_s_at(batch);
    const bool ok = tpot_s <= tpot_bound_s;
    result.probes.push_back(BatchProbe{batch, tpot_s, ok});
    return ok;
  };

  if (!within(min_batch))
    return result;
  int good = min_batch;  // largest batch known within the bound
  int bad = 0;           // smallest batch known beyond it (0: none yet)
  while (good < max_batch) {
    // Double, but stop at the cap (compared as good > max / 2 so that 2 x good cannot overflow).
    const int next = good > max_batch / 2 ? max_batch : 2 * good;
    if (within(next)) {
      good = next;
    } else {
      bad = next;
      break;
    }
  }
  while (bad != 0 && bad - good > 1) {
    const int mid = good + (bad - good) / 2;
    if (within(mid))
      good = mid;
    else
      bad = mid;
  }
  result.best_batch = good;
  return result;
}

} // namespace afdsim
