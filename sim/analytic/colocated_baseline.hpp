#pragma once
// Closed forms of the colocated baselines (brief §2.4).
// - Data parallel: every GPU runs the whole model on its own batch of B requests, one layer after
//   another with nothing to wait for, so its step is exactly
//     step = L (Ta(B) + Tf(B)) + T_lm(B),   tokens/s per GPU = B / step
//   (exact in the simulation for constant op times; with a context that varies, at the mean
//   context, which is exact too while attention time is linear in context).
// - Tensor parallel k: each of the layer's two all-reduces of `bytes`, as a ring alone on links of
//   bandwidth bw and route latency lat: 2 (k - 1) (lat + bytes / (k bw)).
namespace afdsim {

struct DataParallelEstimate {
  double step_s = 0;
  double tokens_per_s_per_gpu = 0;
};

DataParallelEstimate data_parallel_estimate(double attention_layer_s, double ffn_layer_s, double lm_head_s,
                                            int layers, int batch);

double ring_allreduce_s(int group_size, double latency_s, double bytes, double bandwidth_bytes_per_s);

} // namespace afdsim
