#include "sim/trace/paje_writer.hpp"

#include "sim/trace/atomic_file.hpp"
#include "sim/trace/gpu_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <queue>
#include <tuple>
#include <utility>
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

// Where an event goes in the file. Equal times and ranks follow a fixed order (containers,
// states, links, in-flight values; then by GPU or message number), so the same run always gives
// the same bytes (tests/data/golden holds one such file).
struct EventKey {
  double time_s;
  Rank rank;
  int group;
  std::size_t major;
  std::size_t minor;
  bool operator>(const EventKey& o) const
  {
    return std::tie(time_s, rank, group, major, minor) > std::tie(o.time_s, o.rank, o.group, o.major, o.minor);
  }
};

// One time-sorted stream of events; the writer merges several. Lines are formatted only when
// written, so the trace is never held in memory as text.
class EventSource {
public:
  virtual ~EventSource() = default;
  virtual bool done() const = 0;
  virtual EventKey key() const = 0;
  virtual void write(std::ostream& out) const = 0;
  virtual void advance() = 0;
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

// The platform, node and GPU containers: created at t0, GPUs destroyed at t1. One entry per
// container (a few per GPU), in creation order.
struct Container {
  std::string alias;
  std::string type;
  std::string parent;
  std::string name;
  bool destroyed_at_end;  // GPUs only: Paje closes them at the end of the window
};

std::vector<Container> containers(const EventLog& log)
{
  std::vector<Container> out{{"P", "CT_PLATFORM", "0", "platform", false}};
  std::map<std::string, std::string> node_alias;
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    const std::string node = node_of_host(log.workers[i].host);
    if (!node_alias.count(node)) {
      node_alias[node] = "N" + std::to_string(node_alias.size());
      out.push_back({node_alias[node], "CT_NODE", "P", node, false});
    }
    out.push_back({gpu_alias(i), "CT_GPU", node_alias[node], log.workers[i].name, true});
  }
  return out;
}

class ContainerSource : public EventSource {
public:
  ContainerSource(std::vector<Container> list, const TraceWindow& w, bool destroys)
      : list_(std::move(list)), time_s_(destroys ? w.t1_s : w.t0_s), destroys_(destroys)
  {
    skip();
  }
  bool done() const override { return next_ >= list_.size(); }
  EventKey key() const override { return {time_s_, destroys_ ? Rank::destroy : Rank::create, 0, next_, 0}; }
  void write(std::ostream& out) const override
  {
    const Container& c = list_[next_];
    if (destroys_)
      out << fmt::format("7 {} {} {}\n", t9(time_s_), c.type, c.alias);
    else
      out << fmt::format("6 {} {} {} {} {}\n", t9(time_s_), c.alias, c.type, c.parent, c.name);
  }
  void advance() override
  {
    next_++;
    skip();
  }

private:
  void skip()
  {
    while (destroys_ && next_ < list_.size() && !list_[next_].destroyed_at_end)
      next_++;
  }
  std::vector<Container> list_;
  double time_s_;
  bool destroys_;
  std::size_t next_ = 0;
};

// One GPU's state segments, already sorted by start.
class StateSource : public EventSource {
public:
  StateSource(const std::vector<StateSegment>& segments, std::size_t gpu) : segments_(segments), gpu_(gpu) {}
  bool done() const override { return next_ >= segments_.size(); }
  EventKey key() const override { return {segments_[next_].start_s, Rank::event, 1, gpu_, next_}; }
  void write(std::ostream& out) const override
  {
    const StateSegment& seg = segments_[next_];
    out << fmt::format("10 {} ST_GPU {} V_{}\n", t9(seg.start_s), gpu_alias(gpu_), to_string(seg.state));
  }
  void advance() override { next_++; }

private:
  const std::vector<StateSegment>& segments_;
  std::size_t gpu_;
  std::size_t next_ = 0;
};

// The starts (or the ends) of the window's messages in time order; ties by message number.
class LinkSource : public EventSource {
public:
  LinkSource(const EventLog& log, const std::vector<TransferRecord>& transfers, bool ends)
      : log_(log), transfers_(transfers), ends_(ends), order_(transfers.size())
  {
    for (std::size_t k = 0; k < order_.size(); k++)
      order_[k] = k;
    std::stable_sort(order_.begin(), order_.end(),
                     [this](std::size_t a, std::size_t b) { return time_of(a) < time_of(b); });
  }
  bool done() const override { return next_ >= order_.size(); }
  EventKey key() const override
  {
    const std::size_t k = order_[next_];
    return {time_of(k), Rank::event, 2, k, ends_ ? 1u : 0u};
  }
  void write(std::ostream& out) const override;
  void advance() override { next_++; }

private:
  double time_of(std::size_t k) const { return ends_ ? transfers_[k].end_s : transfers_[k].start_s; }
  const EventLog& log_;
  const std::vector<TransferRecord>& transfers_;
  bool ends_;
  std::vector<std::size_t> order_;
  std::size_t next_ = 0;
};

void LinkSource::write(std::ostream& out) const
{
  const std::size_t k = order_[next_];
  const TransferRecord& t = transfers_[k];
  const auto src = static_cast<std::size_t>(t.src_worker);
  const auto dst = static_cast<std::size_t>(t.dst_worker);
  // The key carries step, layer and microbatch; the message's number makes it unique (a ring
  // all-reduce sends several messages between the same two GPUs per layer).
  const std::string link_key = fmt::format("step{}-layer{}-mb{}-{}-{}-{}", t.step, t.layer, t.microbatch,
                                           log_.workers[src].name, log_.workers[dst].name, k);
  const char* kind = message_kind(log_, t);
  if (ends_)
    out << fmt::format("15 {} LT_MSG P L_{} {} {}\n", t9(t.end_s), kind, gpu_alias(dst), link_key);
  else
    out << fmt::format("14 {} LT_MSG P L_{} {} {}\n", t9(t.start_s), kind, gpu_alias(src), link_key);
}

struct VariableValue {
  double time_s;
  int value;
};

// Attention GPUs: microbatches sent to the FFN whose results have not arrived yet (+1 when the
// A->F message leaves, -1 when the F->A message lands). Per worker, the values set in the window
// (empty for other roles): the value at t0, then one per instant where it changes.
std::vector<std::vector<VariableValue>> in_flight_values(const EventLog& log, const TraceWindow& w)
{
  std::vector<std::vector<std::pair<double, int>>> deltas(log.workers.size());
  for (const auto& t : log.transfers) {
    const std::string kind = message_kind(log, t);
    if (kind == "a2f")
      deltas[static_cast<std::size_t>(t.src_worker)].push_back({t.start_s, +1});
    else if (kind == "f2a")
      deltas[static_cast<std::size_t>(t.dst_worker)].push_back({t.end_s, -1});
  }
  std::vector<std::vector<VariableValue>> values(log.workers.size());
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    if (log.workers[i].role != WorkerRole::attention)
      continue;
    auto& d = deltas[i];
    std::stable_sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    int value = 0;
    std::size_t k = 0;
    for (; k < d.size() && d[k].first <= w.t0_s; k++)
      value += d[k].second;
    values[i].push_back({w.t0_s, value});
    while (k < d.size() && d[k].first <= w.t1_s) {
      const double t = d[k].first;
      for (; k < d.size() && d[k].first == t; k++)
        value += d[k].second;
      values[i].push_back({t, value});
    }
  }
  return values;
}

class InFlightSource : public EventSource {
public:
  InFlightSource(const std::vector<VariableValue>& values, std::size_t gpu) : values_(values), gpu_(gpu) {}
  bool done() const override { return next_ >= values_.size(); }
  EventKey key() const override { return {values_[next_].time_s, Rank::event, 3, gpu_, next_}; }
  void write(std::ostream& out) const override
  {
    const VariableValue& v = values_[next_];
    out << fmt::format("8 {} VAR_INFLIGHT {} {}\n", t9(v.time_s), gpu_alias(gpu_), v.value);
  }
  void advance() override { next_++; }

private:
  const std::vector<VariableValue>& values_;
  std::size_t gpu_;
  std::size_t next_ = 0;
};

// k-way merge: writes the sources' events in EventKey order; returns how many.
std::size_t write_merged(std::ostream& out, const std::vector<std::unique_ptr<EventSource>>& sources)
{
  using Entry = std::pair<EventKey, std::size_t>;
  const auto later = [](const Entry& a, const Entry& b) { return a.first > b.first; };
  std::priority_queue<Entry, std::vector<Entry>, decltype(later)> queue(later);
  for (std::size_t s = 0; s < sources.size(); s++) {
    if (!sources[s]->done())
      queue.push({sources[s]->key(), s});
  }
  std::size_t written = 0;
  while (!queue.empty()) {
    EventSource& source = *sources[queue.top().second];
    const std::size_t s = queue.top().second;
    queue.pop();
    source.write(out);
    written++;
    source.advance();
    if (!source.done())
      queue.push({source.key(), s});
  }
  return written;
}

} // namespace

std::string node_of_host(const std::string& host)
{
  const auto dash = host.rfind('-');
  return dash == std::string::npos || dash == 0 ? host : host.substr(0, dash);
}

std::size_t write_paje_trace(const std::string& path, const EventLog& log, const TraceWindow& window)
{
  // Small per-source records; the event lines are formatted as they are streamed to the file.
  const auto timelines = gpu_timelines(log, window);
  const auto transfers = window_transfers(log, window);
  const auto in_flight = in_flight_values(log, window);
  std::vector<std::unique_ptr<EventSource>> sources;
  sources.push_back(std::make_unique<ContainerSource>(containers(log), window, false));
  sources.push_back(std::make_unique<ContainerSource>(containers(log), window, true));
  for (std::size_t i = 0; i < timelines.size(); i++)
    sources.push_back(std::make_unique<StateSource>(timelines[i], i));
  sources.push_back(std::make_unique<LinkSource>(log, transfers, false));
  sources.push_back(std::make_unique<LinkSource>(log, transfers, true));
  for (std::size_t i = 0; i < in_flight.size(); i++)
    sources.push_back(std::make_unique<InFlightSource>(in_flight[i], i));

  AtomicFile file(path, "--paje");
  std::ostream& out = file.out();
  out << "# afdsim Paje trace: steps " << window.first_step << ".." << window.last_step << ", simulated seconds\n";
  out << kHeader;
  write_definitions(out);
  const std::size_t events = write_merged(out, sources);
  file.commit();
  return events;
}

} // namespace afdsim
