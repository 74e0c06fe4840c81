#include "sim/metrics/completed_steps.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace afdsim {

namespace {

template <class Record>
void keep_if_before(std::vector<Record>& records, int steps)
{
  records.erase(std::remove_if(records.begin(), records.end(), [steps](const Record& r) { return r.step >= steps; }),
                records.end());
}

} // namespace

std::vector<int> stepping_workers(const Scenario& scenario)
{
  std::vector<int> workers;
  const DeploymentConfig& d = scenario.deployment;
  if (d.mode == DeploymentMode::colocated) {
    for (int gpu = 0; gpu < d.gpus; gpu += d.tensor_parallel)
      workers.push_back(gpu);
  } else {
    for (int i = 0; i < d.attention_workers; ++i)
      workers.push_back(i);
  }
  return workers;
}

int completed_steps(const EventLog& log, const std::vector<int>& workers)
{
  std::map<int, std::vector<bool>> done;  // worker -> step -> recorded
  for (int w : workers)
    done[w];
  for (const auto& s : log.steps) {
    const auto it = done.find(s.worker);
    if (it == done.end() || s.step < 0)
      continue;
    auto& steps = it->second;
    if (steps.size() <= static_cast<size_t>(s.step))
      steps.resize(static_cast<size_t>(s.step) + 1, false);
    steps[static_cast<size_t>(s.step)] = true;
  }
  int completed = -1;  // min over workers; -1 until the first
  for (const auto& [worker, steps] : done) {
    const auto leading = static_cast<int>(std::find(steps.begin(), steps.end(), false) - steps.begin());
    completed = completed < 0 ? leading : std::min(completed, leading);
  }
  return std::max(completed, 0);
}

void keep_steps_before(EventLog& log, int steps)
{
  // A request finishes, and is admitted, at the end of one of its worker's steps: keep it if that
  // step is kept.
  std::map<int, double> last_end_s;  // worker -> end of its last kept step
  for (const auto& s : log.steps)
    if (s.step < steps) {
      auto [it, inserted] = last_end_s.emplace(s.worker, s.end_s);
      if (!inserted)
        it->second = std::max(it->second, s.end_s);
    }
  log.requests.erase(std::remove_if(log.requests.begin(), log.requests.end(),
                                    [&last_end_s](const RequestRecord& r) {
                                      const auto it = last_end_s.find(r.worker);
                                      return it == last_end_s.end() || r.end_s > it->second;
                                    }),
                     log.requests.end());
  log.admissions.erase(std::remove_if(log.admissions.begin(), log.admissions.end(),
                                      [&last_end_s](const AdmissionRecord& a) {
                                        const auto it = last_end_s.find(a.worker);
                                        return it == last_end_s.end() || a.admitted_s > it->second;
                                      }),
                       log.admissions.end());
  keep_if_before(log.computes, steps);
  keep_if_before(log.waits, steps);
  keep_if_before(log.transfers, steps);
  keep_if_before(log.steps, steps);
  keep_if_before(log.tokens, steps);
  log.end_s = 0;
  for (const auto& [worker, end_s] : last_end_s)
    log.end_s = std::max(log.end_s, end_s);
}

std::vector<SimulationResult::LinkUse> link_use_of_transfers(const EventLog& log,
                                                             const std::vector<SimulationResult::Route>& routes,
                                                             const std::vector<SimulationResult::LinkUse>& links,
                                                             int first_step)
{
  std::map<std::pair<std::string, std::string>, const SimulationResult::Route*> route_of;
  for (const auto& r : routes)
    route_of[{r.from_host, r.to_host}] = &r;
  std::map<std::string, double> bytes;
  for (const auto& t : log.transfers) {
    if (t.step < first_step)
      continue;
    const auto it = route_of.find({log.workers.at(static_cast<size_t>(t.src_worker)).host,
                                   log.workers.at(static_cast<size_t>(t.dst_worker)).host});
    if (it == route_of.end())
      continue;
    for (const auto& link : it->second->links)
      bytes[link.name] += t.bytes;
  }
  std::vector<SimulationResult::LinkUse> use = links;
  for (auto& l : use)
    l.bytes = bytes[l.name];
  return use;
}

int keep_completed_steps(const Scenario& scenario, SimulationResult& result)
{
  if (result.complete)
    return scenario.workload.steps;
  const int steps = completed_steps(result.log, stepping_workers(scenario));
  keep_steps_before(result.log, steps);
  result.links = link_use_of_transfers(result.log, result.routes, result.links, scenario.workload.warmup_steps);
  return steps;
}

} // namespace afdsim
