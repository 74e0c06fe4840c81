#include "sim/engine/worker_requests.hpp"

#include "sim/memory/memory_plan.hpp"

#include <random>
#include <stdexcept>

namespace afdsim {

void make_worker_requests(const Scenario& scenario, int batches, RequestSource& source, RequestIds& ids,
                          std::vector<RequestSlots>& slots, std::unique_ptr<RequestDispatcher>& dispatcher)
{
  if (!slots.empty())
    throw std::logic_error("make_worker_requests: the slots are already filled");
  const WorkloadConfig& w = scenario.workload;
  const double kv_tokens = kv_capacity_tokens(scenario);
  slots.reserve(static_cast<size_t>(batches));
  std::unique_ptr<ArrivalSchedule> arrivals = make_arrival_schedule(w);
  if (arrivals) {
    std::vector<RequestSlots*> workers;
    for (int b = 0; b < batches; ++b)
      workers.push_back(&slots.emplace_back(w.batch_per_worker, ids, kv_tokens));
    dispatcher = std::make_unique<RequestDispatcher>(std::move(arrivals), w.routing, std::move(workers));
    return;
  }
  std::mt19937_64 rng(w.seed);
  for (int b = 0; b < batches; ++b)
    slots.emplace_back(w.batch_per_worker, source, ids, rng, warm_start_tokens(w), kv_tokens);
}

void record_admission_state(const std::vector<RequestSlots>& slots, const RequestDispatcher* dispatcher,
                            const std::vector<int>& worker_of_batch, EventLog& log)
{
  for (size_t b = 0; b < slots.size(); ++b) {
    const RequestSlots& s = slots[b];
    log.kv.push_back({worker_of_batch.at(b), s.kv_capacity_tokens(), s.peak_kv_reserved_tokens(),
                      static_cast<int64_t>(s.queued()), s.rejected()});
  }
  if (dispatcher)
    log.arrivals = dispatcher->arrived();
}

} // namespace afdsim
