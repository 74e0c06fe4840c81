#pragma once
// The largest batch whose TPOT stays within a bound (brief §2.4: compare at equal TPOT). Plain
// C++: the TPOT of a batch comes from a callback (a short simulation in `afdsim compare`, a
// formula in the tests). TPOT is assumed non-decreasing in the batch, which holds for decode:
// every op's time grows (or stays flat on a GEMM tile) with the tokens it processes.
#include <functional>
#include <vector>

namespace afdsim {

struct BatchProbe {
  int batch = 0;
  double tpot_s = 0;
  bool within = false;  // tpot_s <= bound
};

struct BatchSearchResult {
  int best_batch = 0;               // 0: even min_batch exceeds the bound
  std::vector<BatchProbe> probes;   // in the order they were evaluated
};

// Doubling from min_batch (min, 2 min, 4 min, ..., capped at max_batch) until a batch exceeds the
// bound or max_batch is within it, then bisection between the last batch within and the first
// beyond. Each batch is evaluated at most once, at most 2 ceil(log2(max_batch)) + 2 times in all.
// Requires 1 <= min_batch <= max_batch.
BatchSearchResult largest_batch_within(int min_batch, int max_batch, double tpot_bound_s,
                                       const std::function<double(int batch)>& tpot_s_at);

} // namespace afdsim
