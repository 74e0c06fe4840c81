#include "sim/report/analytic_summary.hpp"

#include <spdlog/fmt/fmt.h>

#include <string>

namespace afdsim {
namespace {

using nlohmann::json;

std::string percent(const json& relative_difference)
{
  return relative_difference.is_number() ? fmt::format("{:+.1f}", relative_difference.get<double>() * 100.0)
                                         : std::string("n/a");
}

// One row: a comparison object {analytic, simulated, relative_difference} times `scale`.
void row(std::ostream& out, const std::string& label, const json& c, double scale, const std::string& note = "")
{
  out << fmt::format("  {:<34} {:>11.3f} {:>11.3f} {:>9}  {}\n", label, c.at("analytic").get<double>() * scale,
                     c.at("simulated").get<double>() * scale, percent(c.at("relative_difference")), note);
}

// A string member, or `fallback` when there is none.
std::string text_of(const json& object, const char* key, const std::string& fallback)
{
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string yes_no(bool b) { return b ? "met" : "not met"; }

std::string fixed_or_na(const json& v, int decimals, double scale = 1.0)
{
  return v.is_number() ? fmt::format("{:.{}f}", v.get<double>() * scale, decimals) : std::string("n/a");
}

void print_afd(std::ostream& out, const json& a)
{
  const json& seed = a.at("seed_formula");
  const json& mega = a.at("megascale_infer");
  const json& aic = a.at("aiconfigurator");
  const json& song = a.at("song");
  const json& dp = a.at("colocated_data_parallel");
  constexpr double ms = 1e3;
  row(out, "step (ms): seed formula", seed.at("step_s"), ms);
  row(out, "step (ms): MegaScale-Infer", mega.at("step_s"), ms,
      fmt::format("m = {} vs m_min {:.2f} (no bubble {:.2f}): {}", mega.at("microbatches").get<int>(),
                  mega.at("min_microbatches").get<double>(), mega.at("min_microbatches_no_bubble").get<double>(),
                  yes_no(mega.at("condition_met").get<bool>())));
  row(out, "step (ms): AIConfigurator serial", aic.at("step_serial_s"), ms);
  row(out, "step (ms): AIConfigurator K=2", aic.at("step_k2_s"), ms);
  row(out, "step (ms): AIConfigurator K=3", aic.at("step_k3_s"), ms,
      fmt::format("AIConfigurator takes K=3 only from m >= {:.2f}: {}", aic.at("min_microbatches_k3").get<double>(),
                  aic.at("k3_applies").get<bool>() ? "it would here" : "here it would report K=2"));
  row(out, "step (ms): Song tau", song.at("tau_s"), ms,
      fmt::format("{}-bound; t_F line {:.3f} ms, cost model {:.3f} ms", song.at("bound").get<std::string>(),
                  song.at("t_ffn_s").get<double>() * ms, song.at("t_ffn_cost_model_s").get<double>() * ms));
  row(out, "step (ms): Song barrier E[cycle]", song.at("barrier").at("expected_cycle_s"), ms,
      fmt::format("sigma {:.3f} ms", song.at("barrier").at("sigma_s").get<double>() * ms));
  row(out, "tokens/s per GPU: Song", song.at("tokens_per_s_per_gpu"), 1.0);
  row(out, "speedup over colocated DP: seed", seed.at("speedup"), 1.0,
      fmt::format("DP closed form {:.1f} tokens/s per GPU", dp.at("tokens_per_s_per_gpu").get<double>()));
  row(out, "context per request (tokens): theta+1", song.at("mean_context_tokens"), 1.0);
  out << fmt::format("  Song r* = {} (best whole r: {}; this run r = {})\n", fixed_or_na(song.at("r_star"), 2),
                     fixed_or_na(song.at("r_star_integer"), 0), song.at("attention_workers").get<int>());
}

void print_colocated(std::ostream& out, const json& a)
{
  const json& closed = a.at("closed_form");
  if (!closed.contains("step_s")) {
    out << "  closed form: n/a (" << text_of(closed, "reason", "") << ")\n";
    return;
  }
  row(out, "step (ms): colocated closed form", closed.at("step_s"), 1e3);
  row(out, "tokens/s per GPU: closed form", closed.at("tokens_per_s_per_gpu"), 1.0);
  const json& ar = a.at("allreduce");
  if (ar.is_object())
    out << fmt::format("  all-reduce per layer half (us): ring {}, one-shot {}\n", fixed_or_na(ar.at("ring_s"), 3, 1e6),
                       fixed_or_na(ar.at("one_shot_s"), 3, 1e6));
}

} // namespace

void print_analytic_summary(std::ostream& out, const nlohmann::json& analytic)
{
  const auto applicable = analytic.find("applicable");
  if (applicable == analytic.end() || !applicable->is_boolean() || !applicable->get<bool>()) {
    out << "Analytic estimates: not applicable (" << text_of(analytic, "reason", "no closed form") << ")\n\n";
    return;
  }
  out << "Analytic estimates beside the simulation (diff = (analytic - simulated) / simulated; docs/analytic.md):\n";
  out << fmt::format("  {:<34} {:>11} {:>11} {:>9}  {}\n", "estimate", "analytic", "simulated", "diff (%)", "note");
  if (analytic.at("mode") == "colocated")
    print_colocated(out, analytic);
  else
    print_afd(out, analytic);
  out << "\n";
}

} // namespace afdsim
