#include "sim/analytic/song_fit.hpp"

#include "sim/workload/request_slots.hpp"

#include <algorithm>

namespace afdsim {
namespace {

constexpr int kAttentionFitPoints = 5;

double attention_step_s(const CostModel& cost, const SongFitSpec& spec, double token_load_tokens)
{
  double per_layer_s = 0;
  for (int requests : split_microbatches(spec.batch, spec.microbatches))
    per_layer_s += cost.attention_layer_s(requests, token_load_tokens * requests / spec.batch);
  return spec.layers * per_layer_s + cost.lm_head_s(spec.batch);
}

LineFit fitted(std::vector<FitPoint> points)
{
  LineFit f;
  f.line = fit_line(points);
  f.max_residual_s = max_abs_residual(f.line, points);
  f.points = std::move(points);
  return f;
}

} // namespace

double ffn_step_s(const CostModel& cost, const SongFitSpec& spec, int workers)
{
  double per_layer_s = 0;
  for (int requests : split_microbatches(spec.batch, spec.microbatches))
    per_layer_s += cost.ffn_layer_s(workers * requests);
  return spec.layers * per_layer_s;
}

SongFit fit_song_models(const CostModel& cost, const SongFitSpec& spec)
{
  SongFit fit;
  // Every request at one context gives no spread to fit: widen to one token more.
  const double lo = spec.min_kv_read_tokens;
  const double hi = std::max(spec.max_kv_read_tokens, lo + 1);
  std::vector<FitPoint> attention;
  for (int i = 0; i < kAttentionFitPoints; ++i) {
    const double context = lo + (hi - lo) * i / (kAttentionFitPoints - 1);
    const double load = spec.batch * context;
    attention.push_back({load, attention_step_s(cost, spec, load)});
  }
  fit.attention = fitted(std::move(attention));

  std::vector<FitPoint> ffn;
  const int most_workers = std::max(2 * spec.attention_workers, 2);
  for (int workers = 1; workers <= most_workers; ++workers)
    ffn.push_back({static_cast<double>(workers) * spec.batch, ffn_step_s(cost, spec, workers)});
  fit.ffn = fitted(std::move(ffn));

  fit.communication.alpha = spec.layers * (spec.a2f_bytes_per_token / spec.a2f_bandwidth_bytes_per_s +
                                           spec.f2a_bytes_per_token / spec.f2a_bandwidth_bytes_per_s);
  fit.communication.beta = spec.layers * spec.microbatches * (spec.a2f_latency_s + spec.f2a_latency_s);
  return fit;
}

} // namespace afdsim
