#pragma once
// The report's `workload` block (theta against the measured context per slot, the FFN barrier)
// and requests.csv (one row per request that joined and finished during the run).
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/workload_metrics.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace afdsim {

nlohmann::json workload_json(const WorkloadMetrics& m);
// Two console lines: context per slot against theta; the FFN barrier (AFD only).
void print_workload_summary(std::ostream& out, const WorkloadMetrics& m);
// id,worker,prompt_tokens,output_tokens,start_s,end_s,tpot_mean_ms; tpot_mean_ms is
// (end_s - start_s) / output_tokens: each of its tokens took one step after it joined.
std::string requests_csv(const EventLog& log);

} // namespace afdsim
