#pragma once
// The request slots of a simulation's batches (AFD: one per attention worker; colocated: one per
// replica) and, in the open loop, the dispatcher that feeds them; then what admission control did,
// for the report. Shared by both deployments.
#include "sim/config/scenario.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/workload/request_dispatcher.hpp"
#include "sim/workload/request_slots.hpp"

#include <memory>
#include <vector>

namespace afdsim {

// Closed loop: every slot of every batch, drawn from one generator in batch order (the seed alone
// fixes the initial state); no dispatcher. Open loop: empty batches and their dispatcher. `slots`
// must be empty: the dispatcher keeps pointers into it, so it is filled once and never grown.
void make_worker_requests(const Scenario& scenario, int batches, RequestSource& source, RequestIds& ids,
                          std::vector<RequestSlots>& slots, std::unique_ptr<RequestDispatcher>& dispatcher);

// One KvRecord per batch (`worker_of_batch[b]`: the worker index it is reported under) and the
// open loop's arrivals.
void record_admission_state(const std::vector<RequestSlots>& slots, const RequestDispatcher* dispatcher,
                            const std::vector<int>& worker_of_batch, EventLog& log);

} // namespace afdsim
