#include "sim/analytic/colocated_baseline.hpp"

namespace afdsim {

DataParallelEstimate data_parallel_estimate(double attention_layer_s, double ffn_layer_s, double lm_head_s,
                                            int layers, int batch)
{
  DataParallelEstimate e;
  e.step_s = layers * (attention_layer_s + ffn_layer_s) + lm_head_s;
  e.tokens_per_s_per_gpu = batch / e.step_s;
  return e;
}

double ring_allreduce_s(int group_size, double latency_s, double bytes, double bandwidth_bytes_per_s)
{
  if (group_size < 2)
    return 0;
  return 2.0 * (group_size - 1) * (latency_s + bytes / (group_size * bandwidth_bytes_per_s));
}

} // namespace afdsim
