#pragma once
// The report's `workload` block (theta against the measured context per slot, the FFN barrier,
// arrivals and admission, FFN padding) and requests.csv (one row per request that joined and
// finished during the run).
#include "sim/config/scenario.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/workload_metrics.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace afdsim {

nlohmann::json workload_json(const Scenario& s, const WorkloadMetrics& m);
// Console lines: context per slot against theta; the FFN barrier (AFD only); arrivals, queueing
// and KV admission (open loop, or when the KV held requests back); FFN padding (when a policy is set).
void print_workload_summary(std::ostream& out, const Scenario& s, const WorkloadMetrics& m);
// id,worker,prompt_tokens,output_tokens,arrival_s,start_s,end_s,queue_delay_ms,tpot_mean_ms;
// tpot_mean_ms is (end_s - start_s) / output_tokens: each of its tokens took one step after it
// was admitted; queue_delay_ms = start_s - arrival_s.
std::string requests_csv(const EventLog& log);

} // namespace afdsim
