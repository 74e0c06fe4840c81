#include "sim/trace/paje_writer.hpp"

#include "sim/trace/atomic_file.hpp"
#include "sim/trace/gpu_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace afdsim {
namespace {

// Event ids and fields as PajeNG's pj_dump expects them (Paje format 1.2 field names).
constexpr const char* kHeader = R"(%EventDef PajeDefineContainerType 0
%       Alias string
%       Type string
%       Name string
%EndEventDef
%EventDef PajeDefineVariableType 1
%       Alias string
%       Type string
%       Name string
%       Color color
%EndEventDef
%EventDef PajeDefineStateType 2
%       Alias string
%       Type string
%       Name string
%EndEventDef
%EventDef PajeDefineLinkType 4
%       Alias string
%       Type string
%       StartContainerType string
%       EndContainerType string
%       Name string
%EndEventDef
%EventDef PajeDefineEntityValue 5
%       Alias string
%       Type string
%       Name string
%       Color color
%EndEventDef
%EventDef PajeCreateContainer 6
%       Time date
%       Alias string
%       Type string
%       Container string
%       Name string
%EndEventDef
%EventDef PajeDestroyContainer 7
%       Time date
%       Type string
%       Name string
%EndEventDef
%EventDef PajeSetVariable 8
%       Time date
%       Type string
%       Container string
%       Value double
%EndEventDef
%EventDef PajeSetState 10
%       Time date
%       Type string
%       Container string
%       Value string
%EndEventDef
%EventDef PajeStartLink 14
%       Time date
%       Type string
%       Container string
%       Value string
%       StartContainer string
%       Key string
%EndEventDef
%EventDef PajeEndLink 15
%       Time date
%       Type string
%       Container string
%       Value string
%       EndContainer string
%       Key string
%EndEventDef
)";

// Paje readers need events in time order; at one instant containers are created first and
// destroyed last.
enum class Rank { create = 0, event = 1, destroy = 2 };

struct Event {
  double time_s;
  Rank rank;
  std::size_t seq;
  std::string line;
};

class EventList {
public:
  void add(double time_s, Rank rank, std::string line) { events_.push_back({time_s, rank, events_.size(), std::move(line)}); }
  void sort()
  {
    std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
      return std::tie(a.time_s, a.rank, a.seq) < std::tie(b.time_s, b.rank, b.seq);
    });
  }
  const std::vector<Event>& events() const { return events_; }

private:
  std::vector<Event> events_;
};

std::string t9(double s) { return fmt::format("{:.9f}", s); }
std::string gpu_alias(std::size_t worker) { return "G" + std::to_string(worker); }

void write_definitions(std::ostream& out)
{
  out << "0 CT_PLATFORM 0 PLATFORM\n0 CT_NODE CT_PLATFORM NODE\n0 CT_GPU CT_NODE GPU\n";
  out << "2 ST_GPU CT_GPU GPU_STATE\n";
  for (GpuState s : kGpuStates)
    out << "5 V_" << to_string(s) << " ST_GPU " << to_string(s) << " \"" << paje_color(s) << "\"\n";
  out << "1 VAR_INFLIGHT CT_GPU in_flight_microbatches \"0.3 0.3 0.3\"\n";
  out << "4 LT_MSG CT_PLATFORM CT_GPU CT_GPU MESSAGE\n";
  out << "5 L_a2f LT_MSG a2f \"0.12 0.47 0.71\"\n5 L_f2a LT_MSG f2a \"1.0 0.5 0.05\"\n";
  out << "5 L_allreduce LT_MSG allreduce \"0.17 0.63 0.17\"\n";
}

void add_containers(EventList& ev, const EventLog& log, const TraceWindow& w)
{
  ev.add(w.t0_s, Rank::create, fmt::format("6 {} P CT_PLATFORM 0 platform", t9(w.t0_s)));
  std::map<std::string, std::string> node_alias;
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    const std::string node = node_of_host(log.workers[i].host);
    if (!node_alias.count(node)) {
      node_alias[node] = "N" + std::to_string(node_alias.size());
      ev.add(w.t0_s, Rank::create, fmt::format("6 {} {} CT_NODE P {}", t9(w.t0_s), node_alias[node], node));
    }
    ev.add(w.t0_s, Rank::create,
           fmt::format("6 {} {} CT_GPU {} {}", t9(w.t0_s), gpu_alias(i), node_alias[node], log.workers[i].name));
    ev.add(w.t1_s, Rank::destroy, fmt::format("7 {} CT_GPU {}", t9(w.t1_s), gpu_alias(i)));
  }
}

void add_states(EventList& ev, const EventLog& log, const TraceWindow& w)
{
  const auto timelines = gpu_timelines(log, w);
  for (std::size_t i = 0; i < timelines.size(); i++) {
    for (const auto& seg : timelines[i])
      ev.add(seg.start_s, Rank::event, fmt::format("10 {} ST_GPU {} V_{}", t9(seg.start_s), gpu_alias(i), to_string(seg.state)));
  }
}

void add_links(EventList& ev, const EventLog& log, const TraceWindow& w)
{
  const auto transfers = window_transfers(log, w);
  for (std::size_t k = 0; k < transfers.size(); k++) {
    const TransferRecord& t = transfers[k];
    const auto src = static_cast<std::size_t>(t.src_worker);
    const auto dst = static_cast<std::size_t>(t.dst_worker);
    // The key carries step, layer and microbatch; the message's number makes it unique (a ring
    // all-reduce sends several messages between the same two GPUs per layer).
    const std::string key = fmt::format("step{}-layer{}-mb{}-{}-{}-{}", t.step, t.layer, t.microbatch,
                                        log.workers[src].name, log.workers[dst].name, k);
    const char* kind = message_kind(log, t);
    ev.add(t.start_s, Rank::event, fmt::format("14 {} LT_MSG P L_{} {} {}", t9(t.start_s), kind, gpu_alias(src), key));
    ev.add(t.end_s, Rank::event, fmt::format("15 {} LT_MSG P L_{} {} {}", t9(t.end_s), kind, gpu_alias(dst), key));
  }
}

// Attention GPUs: microbatches sent to the FFN whose results have not arrived yet (+1 when the
// A->F message leaves, -1 when the F->A message lands).
void add_in_flight(EventList& ev, const EventLog& log, const TraceWindow& w)
{
  std::vector<std::vector<std::pair<double, int>>> deltas(log.workers.size());
  for (const auto& t : log.transfers) {
    const std::string kind = message_kind(log, t);
    if (kind == "a2f")
      deltas[static_cast<std::size_t>(t.src_worker)].push_back({t.start_s, +1});
    else if (kind == "f2a")
      deltas[static_cast<std::size_t>(t.dst_worker)].push_back({t.end_s, -1});
  }
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    if (log.workers[i].role != WorkerRole::attention)
      continue;
    auto& d = deltas[i];
    std::stable_sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    int value = 0;
    std::size_t k = 0;
    for (; k < d.size() && d[k].first <= w.t0_s; k++)
      value += d[k].second;
    ev.add(w.t0_s, Rank::event, fmt::format("8 {} VAR_INFLIGHT {} {}", t9(w.t0_s), gpu_alias(i), value));
    while (k < d.size() && d[k].first <= w.t1_s) {
      const double t = d[k].first;
      for (; k < d.size() && d[k].first == t; k++)
        value += d[k].second;
      ev.add(t, Rank::event, fmt::format("8 {} VAR_INFLIGHT {} {}", t9(t), gpu_alias(i), value));
    }
  }
}

} // namespace

std::string node_of_host(const std::string& host)
{
  const auto dash = host.rfind('-');
  return dash == std::string::npos || dash == 0 ? host : host.substr(0, dash);
}

std::size_t write_paje_trace(const std::string& path, const EventLog& log, const TraceWindow& window)
{
  EventList ev;
  add_containers(ev, log, window);
  add_states(ev, log, window);
  add_links(ev, log, window);
  add_in_flight(ev, log, window);
  ev.sort();

  AtomicFile file(path, "--paje");
  std::ostream& out = file.out();
  out << "# afdsim Paje trace: steps " << window.first_step << ".." << window.last_step << ", simulated seconds\n";
  out << kHeader;
  write_definitions(out);
  for (const auto& e : ev.events())
    out << e.line << '\n';
  file.commit();
  return ev.events().size();
}

} // namespace afdsim
