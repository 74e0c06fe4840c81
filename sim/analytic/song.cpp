#include "sim/analytic/song.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {
namespace {

constexpr double kLargestRatedWorkers = 1e6;  // beyond, r* only says "never FFN-bound"

double tau_s(const SongModels& m, int r, int batch, double token_load_tokens)
{
  return std::max(
      {m.attention.at(token_load_tokens), m.communication.at(batch), m.ffn.at(static_cast<double>(r) * batch)});
}

} // namespace

double song_throughput_per_instance(const SongModels& models, int attention_workers, int batch,
                                    double token_load_tokens)
{
  const double r = attention_workers;
  return r * batch / ((r + 1) * tau_s(models, attention_workers, batch, token_load_tokens));
}

SongEstimate song_estimate(const SongModels& models, int attention_workers, int batch, double token_load_tokens)
{
  SongEstimate e;
  e.t_attention_s = models.attention.at(token_load_tokens);
  e.t_communication_s = models.communication.at(batch);
  e.t_ffn_s = models.ffn.at(static_cast<double>(attention_workers) * batch);
  e.tau_s = std::max({e.t_attention_s, e.t_communication_s, e.t_ffn_s});
  e.bound = e.tau_s == e.t_ffn_s ? "ffn" : e.tau_s == e.t_attention_s ? "attention" : "communication";
  e.tokens_per_s_per_instance = song_throughput_per_instance(models, attention_workers, batch, token_load_tokens);

  const double alpha_f = models.ffn.alpha;
  const double beta_f = models.ffn.beta;
  if (alpha_f <= 0)
    return e;
  e.r_attention = (e.t_attention_s - beta_f) / (alpha_f * batch);
  e.r_communication = (e.t_communication_s - beta_f) / (alpha_f * batch);
  if (beta_f >= 0)
    e.r_peak = std::sqrt(beta_f / (alpha_f * batch));
  e.r_star = std::max({*e.r_attention, *e.r_communication, e.r_peak.value_or(0.0)});
  // r* is real; deployments are whole GPUs: rate both neighbours (at least 1) with the model.
  if (!(*e.r_star < kLargestRatedWorkers))
    return e;
  const int below = std::max(1, static_cast<int>(std::floor(*e.r_star)));
  const int above = std::max(1, static_cast<int>(std::ceil(*e.r_star)));
  e.r_star_integer = song_throughput_per_instance(models, above, batch, token_load_tokens) >
                             song_throughput_per_instance(models, below, batch, token_load_tokens)
                         ? above
                         : below;
  return e;
}

} // namespace afdsim
