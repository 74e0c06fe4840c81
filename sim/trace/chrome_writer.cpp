#include "sim/trace/chrome_writer.hpp"

#include "sim/trace/atomic_file.hpp"
#include "sim/trace/gpu_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace afdsim {
namespace {

constexpr int kComputeTid = 0;

std::string us(double s) { return fmt::format("{:.3f}", s * 1e6); }
int pid_of(int worker) { return worker + 1; }  // some viewers treat pid 0 as "no process"

class EventWriter {
public:
  explicit EventWriter(std::ostream& out) : out_(out) { out_ << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"; }
  void add(const std::string& event)
  {
    out_ << (count_ == 0 ? "" : ",\n") << event;
    count_++;
  }
  void finish() { out_ << "\n]}\n"; }
  std::size_t count() const { return count_; }

private:
  std::ostream& out_;
  std::size_t count_ = 0;
};

// Network lane per message: the first lane of the sender free at the message's start.
std::vector<int> network_lanes(const std::vector<TransferRecord>& transfers, std::size_t workers, std::vector<int>& lanes_used)
{
  std::vector<std::vector<double>> lane_end(workers);
  std::vector<int> lane;
  for (const auto& t : transfers) {
    auto& ends = lane_end[static_cast<std::size_t>(t.src_worker)];
    std::size_t l = 0;
    while (l < ends.size() && ends[l] > t.start_s)
      l++;
    if (l == ends.size())
      ends.push_back(t.end_s);
    else
      ends[l] = t.end_s;
    lane.push_back(static_cast<int>(l));
  }
  lanes_used.clear();
  for (const auto& ends : lane_end)
    lanes_used.push_back(static_cast<int>(ends.size()));
  return lane;
}

void add_metadata(EventWriter& w, const EventLog& log, const std::vector<int>& lanes_used)
{
  for (std::size_t i = 0; i < log.workers.size(); i++) {
    const int pid = pid_of(static_cast<int>(i));
    const WorkerInfo& info = log.workers[i];
    w.add(fmt::format(R"j({{"ph":"M","name":"process_name","pid":{},"args":{{"name":"{} ({}, {})"}}}})j", pid, info.name,
                      to_string(info.role), info.host));
    w.add(fmt::format(R"j({{"ph":"M","name":"process_sort_index","pid":{},"args":{{"sort_index":{}}}}})j", pid, i));
    w.add(fmt::format(R"j({{"ph":"M","name":"thread_name","pid":{},"tid":{},"args":{{"name":"compute"}}}})j", pid,
                      kComputeTid));
    for (int l = 0; l < std::max(1, lanes_used[i]); l++) {
      const std::string name = l == 0 ? "network" : "network " + std::to_string(l + 1);
      w.add(fmt::format(R"j({{"ph":"M","name":"thread_name","pid":{},"tid":{},"args":{{"name":"{}"}}}})j", pid, l + 1, name));
    }
  }
}

} // namespace

std::size_t write_chrome_trace(const std::string& path, const EventLog& log, const TraceWindow& window)
{
  const auto timelines = gpu_timelines(log, window);
  const auto transfers = window_transfers(log, window);
  std::vector<int> lanes_used;
  const auto lanes = network_lanes(transfers, log.workers.size(), lanes_used);

  AtomicFile file(path, "--chrome");
  EventWriter w(file.out());
  add_metadata(w, log, lanes_used);
  for (std::size_t i = 0; i < timelines.size(); i++) {
    const int pid = pid_of(static_cast<int>(i));
    for (const auto& seg : timelines[i]) {
      if (seg.state == GpuState::idle)
        continue;  // the gaps between events are the idle time
      w.add(fmt::format(
          R"j({{"ph":"X","name":"{}","cat":"state","ts":{},"dur":{},"pid":{},"tid":{},"args":{{"step":{},"layer":{},"microbatch":{},"tokens":{}}}}})j",
          to_string(seg.state), us(seg.start_s), us(seg.end_s - seg.start_s), pid, kComputeTid, seg.step, seg.layer,
          seg.microbatch, seg.tokens));
    }
  }
  for (std::size_t k = 0; k < transfers.size(); k++) {
    const TransferRecord& t = transfers[k];
    const char* kind = message_kind(log, t);
    const int src = pid_of(t.src_worker);
    const int tid = 1 + lanes[k];
    w.add(fmt::format(
        R"j({{"ph":"X","name":"{}","cat":"network","ts":{},"dur":{},"pid":{},"tid":{},"args":{{"step":{},"layer":{},"microbatch":{},"bytes":{},"to":"{}"}}}})j",
        kind, us(t.start_s), us(t.end_s - t.start_s), src, tid, t.step, t.layer, t.microbatch, t.bytes,
        log.workers.at(static_cast<std::size_t>(t.dst_worker)).name));
    // The flow starts inside the send slice and lands on the next slice of the receiver's compute
    // thread that starts at or after the arrival: the op that was waiting for it.
    w.add(fmt::format(R"j({{"ph":"s","id":{},"name":"{}","cat":"message","ts":{},"pid":{},"tid":{}}})j", k, kind,
                      us(t.start_s), src, tid));
    w.add(fmt::format(R"j({{"ph":"f","id":{},"name":"{}","cat":"message","ts":{},"pid":{},"tid":{}}})j", k, kind,
                      us(t.end_s), pid_of(t.dst_worker), kComputeTid));
  }
  w.finish();
  file.commit();
  return w.count();
}

} // namespace afdsim
