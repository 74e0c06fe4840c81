#include "sim/engine/result_codec.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace afdsim {

namespace {

class ByteWriter {
public:
  template <class T>
  void operator()(const T& value)
  {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void operator()(const std::string& s)
  {
    (*this)(static_cast<uint64_t>(s.size()));
    out_ += s;
  }
  std::string& bytes() { return out_; }

private:
  std::string out_;
};

class ByteReader {
public:
  explicit ByteReader(const std::string& in) : in_(in) {}
  template <class T>
  void operator()(T& value)
  {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    need(sizeof value);
    std::memcpy(&value, in_.data() + pos_, sizeof value);
    pos_ += sizeof value;
  }
  void operator()(std::string& s)
  {
    uint64_t size = 0;
    (*this)(size);
    need(size);
    s.assign(in_, pos_, size);
    pos_ += size;
  }
  bool done() const { return pos_ == in_.size(); }
  size_t remaining() const { return in_.size() - pos_; }

private:
  void need(uint64_t n) const
  {
    if (n > in_.size() - pos_)
      throw std::runtime_error("decode_result: truncated input");
  }
  const std::string& in_;
  size_t pos_ = 0;
};

// Each record's fields, in one order shared by writing and reading.
template <class V> void fields(V& v, WorkerInfo& r) { v(r.name); v(r.role); v(r.host); }
template <class V> void fields(V& v, ComputeRecord& r)
{
  v(r.worker); v(r.kind); v(r.step); v(r.layer); v(r.microbatch); v(r.tokens); v(r.start_s); v(r.end_s);
  v(r.padding_tokens);
}
template <class V> void fields(V& v, WaitRecord& r)
{
  v(r.worker); v(r.cause); v(r.step); v(r.layer); v(r.microbatch); v(r.start_s); v(r.end_s);
}
template <class V> void fields(V& v, TransferRecord& r)
{
  v(r.src_worker); v(r.dst_worker); v(r.step); v(r.layer); v(r.microbatch); v(r.bytes); v(r.start_s); v(r.end_s);
}
template <class V> void fields(V& v, StepRecord& r)
{
  v(r.worker); v(r.step); v(r.requests); v(r.context_tokens); v(r.start_s); v(r.end_s);
}
template <class V> void fields(V& v, TokenRecord& r) { v(r.request); v(r.worker); v(r.step); v(r.time_s); }
template <class V> void fields(V& v, RequestRecord& r)
{
  v(r.request); v(r.worker); v(r.prompt_tokens); v(r.output_tokens); v(r.start_s); v(r.end_s); v(r.arrival_s);
}
template <class V> void fields(V& v, AdmissionRecord& r) { v(r.request); v(r.worker); v(r.arrival_s); v(r.admitted_s); }
template <class V> void fields(V& v, KvRecord& r)
{
  v(r.worker); v(r.capacity_tokens); v(r.peak_reserved_tokens); v(r.queued_at_end); v(r.rejected);
}
template <class V> void fields(V& v, double& x) { v(x); }
template <class V> void fields(V& v, ClaimTotals& r)
{
  for (double& seconds : r.seconds)
    v(seconds);
}
template <class V> void fields(V& v, MeasurementWindow& w) { v(w.first_step); v(w.last_step); v(w.steps); v(w.t0_s); v(w.t1_s); }
template <class V> void fields(V& v, MessageTotals& m)
{
  v(m.a2f_bytes); v(m.f2a_bytes); v(m.a2f_transfers); v(m.f2a_transfers); v(m.allreduce_bytes); v(m.allreduce_transfers);
}
template <class V> void fields(V& v, SimulationResult::LinkUse& r) { v(r.name); v(r.bandwidth_bytes_per_s); v(r.bytes); }
template <class V> void fields(V& v, SimulationResult::RouteLink& r) { v(r.name); v(r.bandwidth_bytes_per_s); }
template <class V> void fields(V& v, CostProvenanceLog::Entry& e) { v(e.op); v(e.shape); v(e.source); v(e.reason); v(e.lookups); }
template <class V> void route_fields(V& v, SimulationResult::Route& r)
{
  v(r.from_host); v(r.to_host); v(r.latency_s); v(r.bandwidth_bytes_per_s);
}

template <class T>
void write_all(ByteWriter& w, const std::vector<T>& records)
{
  w(static_cast<uint64_t>(records.size()));
  for (T record : records)  // a copy: fields() takes a mutable record for both directions
    fields(w, record);
}

template <class T>
void read_all(ByteReader& r, std::vector<T>& records)
{
  uint64_t size = 0;
  r(size);
  records.clear();
  records.reserve(std::min<uint64_t>(size, r.remaining()));  // every record takes at least a byte
  for (uint64_t i = 0; i < size; ++i) {
    T record{};
    fields(r, record);
    records.push_back(std::move(record));
  }
}

// The metrics' totals: what a child process ships instead of millions of records.
void write_totals(ByteWriter& w, const std::optional<RunTotals>& totals)
{
  w(static_cast<uint8_t>(totals.has_value()));
  if (!totals)
    return;
  const RunTotals& t = *totals;
  MeasurementWindow window = t.window;  // fields() takes mutable values for both directions
  MessageTotals messages = t.messages;
  fields(w, window);
  write_all(w, t.workers);
  fields(w, messages);
  write_all(w, t.tpot_s);
  write_all(w, t.barrier_waits_s);
  write_all(w, t.queue_delays_s);
  w(t.ffn_tokens);
  w(t.ffn_padding_tokens);
}

void read_totals(ByteReader& r, std::optional<RunTotals>& totals)
{
  uint8_t present = 0;
  r(present);
  if (present == 0) {
    totals.reset();
    return;
  }
  RunTotals& t = totals.emplace();
  fields(r, t.window);
  read_all(r, t.workers);
  fields(r, t.messages);
  read_all(r, t.tpot_s);
  read_all(r, t.barrier_waits_s);
  read_all(r, t.queue_delays_s);
  r(t.ffn_tokens);
  r(t.ffn_padding_tokens);
}

// Profiled costs: where the op times came from (the report lists it), a few entries per op.
void write_provenance(ByteWriter& w, const std::shared_ptr<const CostProvenanceLog>& log)
{
  w(static_cast<uint8_t>(log != nullptr));
  if (log)
    write_all(w, log->entries());
}

void read_provenance(ByteReader& r, std::shared_ptr<const CostProvenanceLog>& log)
{
  uint8_t present = 0;
  r(present);
  if (present == 0) {
    log.reset();
    return;
  }
  std::vector<CostProvenanceLog::Entry> entries;
  read_all(r, entries);
  auto read = std::make_shared<CostProvenanceLog>();
  for (const auto& e : entries)
    read->add(e);
  log = std::move(read);
}

} // namespace

std::string encode_result(const SimulationResult& result)
{
  ByteWriter w;
  const EventLog& log = result.log;
  write_all(w, log.workers);
  write_all(w, log.computes);
  write_all(w, log.waits);
  write_all(w, log.transfers);
  write_all(w, log.steps);
  write_all(w, log.tokens);
  write_all(w, log.requests);
  write_all(w, log.admissions);
  write_all(w, log.kv);
  w(log.arrivals);
  w(log.end_s);
  w(log.activities);
  write_totals(w, result.totals);
  w(result.compute);
  w(static_cast<uint64_t>(result.simgrid_config.size()));
  for (const auto& [key, value] : result.simgrid_config) {
    w(key);
    w(value);
  }
  write_all(w, result.links);
  w(static_cast<uint64_t>(result.routes.size()));
  for (SimulationResult::Route route : result.routes) {
    route_fields(w, route);
    write_all(w, route.links);
  }
  w(result.wall_s);
  write_provenance(w, result.cost_provenance);
  w(result.complete);
  w(result.stop_signal);
  w(result.steps_completed);
  return std::move(w.bytes());
}

SimulationResult decode_result(const std::string& bytes)
{
  ByteReader r(bytes);
  SimulationResult result;
  EventLog& log = result.log;
  read_all(r, log.workers);
  read_all(r, log.computes);
  read_all(r, log.waits);
  read_all(r, log.transfers);
  read_all(r, log.steps);
  read_all(r, log.tokens);
  read_all(r, log.requests);
  read_all(r, log.admissions);
  read_all(r, log.kv);
  r(log.arrivals);
  r(log.end_s);
  r(log.activities);
  read_totals(r, result.totals);
  r(result.compute);
  uint64_t entries = 0;
  r(entries);
  for (uint64_t i = 0; i < entries; ++i) {
    std::string key;
    std::string value;
    r(key);
    r(value);
    result.simgrid_config[key] = value;
  }
  read_all(r, result.links);
  uint64_t routes = 0;
  r(routes);
  for (uint64_t i = 0; i < routes; ++i) {
    SimulationResult::Route route{};
    route_fields(r, route);
    read_all(r, route.links);
    result.routes.push_back(std::move(route));
  }
  r(result.wall_s);
  read_provenance(r, result.cost_provenance);
  r(result.complete);
  r(result.stop_signal);
  r(result.steps_completed);
  if (!r.done())
    throw std::runtime_error("decode_result: trailing bytes");
  return result;
}

} // namespace afdsim
