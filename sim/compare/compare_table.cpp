#include "sim/compare/compare_table.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/util/interrupt.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace afdsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// NaN (no sample) prints as null.
nlohmann::json number_or_null(double value) { return std::isnan(value) ? nlohmann::json(nullptr) : nlohmann::json(value); }

std::string fixed(double value, int decimals)
{
  if (std::isnan(value))
    return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string pad_left(const std::string& s, size_t width) { return s.size() >= width ? s : std::string(width - s.size(), ' ') + s; }
std::string pad_right(const std::string& s, size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }

nlohmann::json row_json(const CompareRow& row)
{
  nlohmann::json j;
  j["name"] = row.config.name;
  j["mode"] = to_string(row.config.mode);
  j["tensor_parallel"] = row.config.tensor_parallel;
  j["gpus"] = row.config.gpus;
  j["status"] = to_string(row.status);
  j["reason"] = row.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.reason);
  j["batch_per_worker"] = row.batch_per_worker;
  j["max_batch_per_worker"] = row.max_batch_per_worker;
  const bool ran = row.status == RowStatus::ran;
  j["tokens_per_s"] = ran ? number_or_null(row.tokens_per_s) : nullptr;
  j["tokens_per_s_per_gpu"] = ran ? number_or_null(row.tokens_per_s_per_gpu) : nullptr;
  j["tpot_ms"] = {{"p50", ran ? number_or_null(row.tpot_p50_ms) : nullptr},
                  {"p99", ran ? number_or_null(row.tpot_p99_ms) : nullptr}};
  j["mean_bubble_fraction"] = ran ? number_or_null(row.mean_bubble_fraction) : nullptr;
  nlohmann::json probes = nlohmann::json::array();
  for (const BatchProbe& p : row.probes)
    probes.push_back({{"batch_per_worker", p.batch}, {"tpot_p50_ms", number_or_null(p.tpot_s * 1e3)}, {"within", p.within}});
  j["search_probes"] = probes;
  j["simulations"] = row.simulations;
  j["wall_s"] = row.wall_s;
  return j;
}

std::string status_cell(const CompareRow& row)
{
  switch (row.status) {
  case RowStatus::does_not_fit: return "does not fit in memory (see below)";
  case RowStatus::no_batch_within_tpot_bound: return "no batch within the TPOT bound (see below)";
  case RowStatus::interrupted: return "interrupted (see below)";
  case RowStatus::ran: break;
  }
  return "";
}

} // namespace

const char* to_string(RowStatus status)
{
  switch (status) {
  case RowStatus::ran:
    return "ran";
  case RowStatus::does_not_fit:
    return "does_not_fit";
  case RowStatus::no_batch_within_tpot_bound:
    return "no_batch_within_tpot_bound";
  case RowStatus::interrupted:
    return "interrupted";
  }
  return "?";
}

void fill_measured(CompareRow& row, const Metrics& metrics)
{
  row.status = RowStatus::ran;
  row.reason.clear();
  row.tokens_per_s = metrics.throughput.tokens_per_s;
  row.tokens_per_s_per_gpu = metrics.throughput.tokens_per_s_per_gpu;
  const bool has_tpot = metrics.tpot_s.count > 0;
  row.tpot_p50_ms = has_tpot ? metrics.tpot_s.p50 * 1e3 : kNaN;
  row.tpot_p99_ms = has_tpot ? metrics.tpot_s.p99 * 1e3 : kNaN;
  double bubble = 0;
  for (const WorkerMetrics& w : metrics.workers)
    bubble += w.bubble_fraction;
  row.mean_bubble_fraction = metrics.workers.empty() ? kNaN : bubble / static_cast<double>(metrics.workers.size());
}

size_t CompareTable::rows_completed() const
{
  size_t n = 0;
  for (const CompareRow& row : rows)
    n += row.status == RowStatus::interrupted ? 0 : 1;
  return n;
}

CompareVerdict compare_verdict(const CompareTable& table)
{
  CompareVerdict v;
  if (!table.complete())
    return v;
  std::optional<size_t> afd;
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const CompareRow& row = table.rows[i];
    if (row.status != RowStatus::ran)
      continue;
    if (row.config.mode == DeploymentMode::afd) {
      afd = i;
    } else if (!v.best_baseline || row.tokens_per_s_per_gpu > table.rows[*v.best_baseline].tokens_per_s_per_gpu) {
      v.best_baseline = i;
    }
  }
  if (afd && v.best_baseline && table.rows[*v.best_baseline].tokens_per_s_per_gpu > 0)
    v.afd_speedup_per_gpu = table.rows[*afd].tokens_per_s_per_gpu / table.rows[*v.best_baseline].tokens_per_s_per_gpu;
  return v;
}

nlohmann::json compare_json(const CompareTable& table)
{
  nlohmann::json j;
  j["complete"] = table.complete();
  if (!table.complete()) {
    j["stopped"] = {{"reason", "interrupted by " + signal_name(table.stop_signal)},
                    {"signal", table.stop_signal},
                    {"configurations_completed", table.rows_completed()}};
  }
  j["scenario"] = table.scenario;
  j["gpus"] = table.gpus;
  const WorkloadConfig& w = table.workload;
  j["workload"] = {{"prompt_tokens", w.prompt_tokens}, {"output_tokens", w.output_tokens}, {"steps", w.steps},
                   {"warmup_steps", w.warmup_steps}, {"seed", w.seed}};
  j["tpot_bound_ms"] = table.tpot_bound_ms ? nlohmann::json(*table.tpot_bound_ms) : nlohmann::json(nullptr);
  j["search"] = table.tpot_bound_ms ? nlohmann::json{{"steps", table.search_steps},
                                                     {"warmup_steps", table.search_warmup_steps}}
                                    : nlohmann::json(nullptr);
  nlohmann::json rows = nlohmann::json::array();
  int simulations = 0;
  double wall_s = 0;
  for (const CompareRow& row : table.rows) {
    rows.push_back(row_json(row));
    simulations += row.simulations;
    wall_s += row.wall_s;
  }
  j["configurations"] = rows;
  j["simulations"] = simulations;
  j["wall_s"] = wall_s;
  const CompareVerdict v = compare_verdict(table);
  j["best_baseline"] = v.best_baseline ? nlohmann::json(table.rows[*v.best_baseline].config.name) : nlohmann::json(nullptr);
  j["afd_speedup_per_gpu"] = v.afd_speedup_per_gpu ? nlohmann::json(*v.afd_speedup_per_gpu) : nlohmann::json(nullptr);
  return j;
}

void print_compare_table(std::ostream& out, const CompareTable& table)
{
  const WorkloadConfig& w = table.workload;
  if (!table.complete()) {
    out << "INCOMPLETE: interrupted by " << signal_name(table.stop_signal) << " after " << table.rows_completed()
        << " of " << table.rows.size() << " configurations; the rows that ran are whole simulations, no verdict\n";
  }
  out << "afdsim compare: " << table.scenario << " on " << table.gpus << " GPUs; same workload for every row (prompt "
      << w.prompt_tokens << ", output " << w.output_tokens << " tokens, seed " << w.seed << ", " << w.steps
      << " steps, " << w.warmup_steps << " warm-up)\n";
  if (table.tpot_bound_ms) {
    out << "Each row at its largest batch per worker/replica with TPOT p50 <= " << fixed(*table.tpot_bound_ms, 2)
        << " ms (searched by doubling then bisection on runs of " << table.search_steps << " steps, "
        << table.search_warmup_steps << " warm-up; then one run of " << w.steps << " steps)\n";
  } else {
    out << "Batch per worker/replica as in the scenario; the AFD row's attention workers and every colocated "
           "replica each hold that many requests\n";
  }
  out << "\n";
  const std::vector<std::pair<std::string, size_t>> columns = {
      {"configuration", 16}, {"GPUs", 5}, {"batch", 6}, {"mem max", 8}, {"tokens/s", 10}, {"tok/s/GPU", 10},
      {"TPOT p50 ms", 12}, {"TPOT p99 ms", 12}, {"bubble %", 9}};
  for (size_t i = 0; i < columns.size(); ++i)
    out << (i == 0 ? pad_right(columns[i].first, columns[i].second) : "  " + pad_left(columns[i].first, columns[i].second));
  out << "\n";
  for (const CompareRow& row : table.rows) {
    out << pad_right(row.config.name, columns[0].second) << "  " << pad_left(std::to_string(row.config.gpus), columns[1].second);
    const std::string batch = row.status == RowStatus::ran ? std::to_string(row.batch_per_worker) : "-";
    out << "  " << pad_left(batch, columns[2].second) << "  "
        << pad_left(std::to_string(row.max_batch_per_worker), columns[3].second);
    if (row.status == RowStatus::ran) {
      out << "  " << pad_left(fixed(row.tokens_per_s, 1), columns[4].second) << "  "
          << pad_left(fixed(row.tokens_per_s_per_gpu, 1), columns[5].second) << "  "
          << pad_left(fixed(row.tpot_p50_ms, 3), columns[6].second) << "  "
          << pad_left(fixed(row.tpot_p99_ms, 3), columns[7].second) << "  "
          << pad_left(fixed(100 * row.mean_bubble_fraction, 1), columns[8].second);
    } else {
      out << "  " << status_cell(row);
    }
    out << "\n";
  }
  out << "\n";
  for (const CompareRow& row : table.rows)
    if (row.status != RowStatus::ran)
      out << row.config.name << ": " << row.reason << "\n";
  int simulations = 0;
  double wall_s = 0;
  for (const CompareRow& row : table.rows) {
    simulations += row.simulations;
    wall_s += row.wall_s;
  }
  out << "Cost: " << simulations << " simulations, " << fixed(wall_s, 1) << " s of wall time\n";
  const CompareVerdict v = compare_verdict(table);
  if (v.afd_speedup_per_gpu) {
    const CompareRow& best = table.rows[*v.best_baseline];
    out << "AFD speedup per GPU over the best baseline (" << best.config.name << ", "
        << fixed(best.tokens_per_s_per_gpu, 1) << " tokens/s per GPU): " << fixed(*v.afd_speedup_per_gpu, 3) << "x\n";
  } else if (!table.complete()) {
    out << "AFD speedup per GPU: n/a (interrupted before every configuration ran)\n";
  } else {
    out << "AFD speedup per GPU: n/a (" << (v.best_baseline ? "the AFD configuration did not run" : "no baseline ran")
        << ")\n";
  }
}

} // namespace afdsim
