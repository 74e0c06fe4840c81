// A SimulationResult crosses from a child process to its parent as bytes (result_codec): every
// field must come back as it was, the cost provenance of a profiled run included, and broken bytes
// must be refused rather than misread.
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/child_process.hpp"
#include "sim/engine/result_codec.hpp"
#include "sim/engine/simulation.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <sstream>

namespace afdsim::test {
namespace {

// Every field set, none at its default, each value distinct from its neighbours (so fields read
// in the wrong order or swapped come back different).
SimulationResult every_field_set()
{
  SimulationResult r;
  EventLog& log = r.log;
  log.workers = {{"attn0", WorkerRole::attention, "node0-gpu0"}, {"ffn0", WorkerRole::ffn, "node0-gpu7"}};
  log.computes = {{1, ComputeKind::ffn, 3, 5, 1, 112, 0.25, 0.5, 16},
                  {0, ComputeKind::lm_head, 4, -1, -1, 7, 1.5, 1.75, 0}};
  log.waits = {{1, WaitCause::barrier, 6, 2, 1, 2.25, 2.5}, {0, WaitCause::allreduce, 7, 3, 0, 3.25, 3.5}};
  log.transfers = {{0, 1, 8, 4, 1, 10240.5, 4.25, 4.5}};
  log.steps = {{0, 9, 31, 4096.5, 5.25, 5.5}};
  log.tokens = {{1234567890123, 0, 10, 6.25}};
  log.requests = {{1234567890124, 0, 2048, 256, 7.25, 7.5, 7.125}};
  log.admissions = {{1234567890125, 0, 8.25, 8.5}};
  log.kv = {{0, 14503555.0, 4124.5, 53, 2}};
  log.arrivals = 123;
  log.end_s = 9.25;
  log.activities = 987654321012;

  RunTotals t;
  t.window = {3, 41, 39, 0.125, 9.5};
  ClaimTotals w0;
  ClaimTotals w1;
  for (std::size_t c = 0; c < kClaims; ++c) {
    w0.seconds[c] = 0.5 + static_cast<double>(c);
    w1.seconds[c] = 10.5 + static_cast<double>(c);
  }
  t.workers = {w0, w1};
  t.messages = {1.5e9, 2.5e9, 111, 222, 3.5e9, 333};
  t.tpot_s = {0.0125, 0.0375};
  t.barrier_waits_s = {1e-6, 2e-6, 3e-6};
  t.queue_delays_s = {0.0, 0.001};
  t.ffn_tokens = 44444;
  t.ffn_padding_tokens = 5555;
  r.totals = t;

  r.simgrid_config = {{"network/model", "CM02"}, {"cpu/optim", "Lazy"}};
  r.compute = ComputeActivity::sleep;  // the default is exec
  r.links = {{"node0-gpu0-up", 450e9, 1.25e9}, {"node0-gpu7-down", 451e9, 2.25e9}};
  r.routes = {{"node0-gpu0", "node0-gpu7", 1e-6, 450e9, {{"node0-gpu0-up", 450e9}, {"node0-gpu7-down", 451e9}}},
              {"node0-gpu7", "node0-gpu0", 2e-6, 449e9, {{"node0-gpu7-up", 449e9}}}};
  r.wall_s = 12.5;
  auto provenance = std::make_shared<CostProvenanceLog>();
  provenance->record("qkv_gemm", "m=112 n=10240 k=5120 fp8", OpSource::measured, "");
  provenance->record("qkv_gemm", "m=112 n=10240 k=5120 fp8", OpSource::measured, "");
  provenance->record("decode_attention", "batch=16 context=2304.5", OpSource::fallback, "beyond the table's contexts");
  provenance->record("lm_head_gemm", "m=16", OpSource::roofline, "");
  r.cost_provenance = provenance;
  r.complete = false;
  r.stop_signal = SIGTERM;
  r.steps_completed = 42;
  return r;
}

// Record by record, field by field (fields: a record -> std::tie of its fields), so a failure
// names the record.
template <class Record, class Fields>
void expect_same_records(const std::vector<Record>& a, const std::vector<Record>& b, const char* what, Fields fields)
{
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(fields(a[i]), fields(b[i])) << what << " " << i;
}

// Field by field, so a failure names the field.
void expect_same_log(const EventLog& a, const EventLog& b)
{
  ASSERT_EQ(a.workers.size(), b.workers.size());
  for (std::size_t i = 0; i < a.workers.size(); ++i) {
    EXPECT_EQ(a.workers[i].name, b.workers[i].name);
    EXPECT_EQ(a.workers[i].role, b.workers[i].role);
    EXPECT_EQ(a.workers[i].host, b.workers[i].host);
  }
  expect_same_records(a.computes, b.computes, "compute", [](const ComputeRecord& x) {
    return std::tie(x.worker, x.kind, x.step, x.layer, x.microbatch, x.tokens, x.start_s, x.end_s, x.padding_tokens);
  });
  expect_same_records(a.waits, b.waits, "wait", [](const WaitRecord& x) {
    return std::tie(x.worker, x.cause, x.step, x.layer, x.microbatch, x.start_s, x.end_s);
  });
  expect_same_records(a.transfers, b.transfers, "transfer", [](const TransferRecord& x) {
    return std::tie(x.src_worker, x.dst_worker, x.step, x.layer, x.microbatch, x.bytes, x.start_s, x.end_s);
  });
  expect_same_records(a.steps, b.steps, "step", [](const StepRecord& x) {
    return std::tie(x.worker, x.step, x.requests, x.context_tokens, x.start_s, x.end_s);
  });
  expect_same_records(a.tokens, b.tokens, "token", [](const TokenRecord& x) {
    return std::tie(x.request, x.worker, x.step, x.time_s);
  });
  expect_same_records(a.requests, b.requests, "request", [](const RequestRecord& x) {
    return std::tie(x.request, x.worker, x.prompt_tokens, x.output_tokens, x.start_s, x.end_s, x.arrival_s);
  });
  expect_same_records(a.admissions, b.admissions, "admission", [](const AdmissionRecord& x) {
    return std::tie(x.request, x.worker, x.arrival_s, x.admitted_s);
  });
  expect_same_records(a.kv, b.kv, "kv", [](const KvRecord& x) {
    return std::tie(x.worker, x.capacity_tokens, x.peak_reserved_tokens, x.queued_at_end, x.rejected);
  });
  EXPECT_EQ(a.arrivals, b.arrivals);
  EXPECT_EQ(a.end_s, b.end_s);
  EXPECT_EQ(a.activities, b.activities);
}

void expect_same_totals(const RunTotals& a, const RunTotals& b)
{
  EXPECT_EQ(std::tie(a.window.first_step, a.window.last_step, a.window.steps, a.window.t0_s, a.window.t1_s),
            std::tie(b.window.first_step, b.window.last_step, b.window.steps, b.window.t0_s, b.window.t1_s));
  ASSERT_EQ(a.workers.size(), b.workers.size());
  for (std::size_t w = 0; w < a.workers.size(); ++w)
    EXPECT_EQ(a.workers[w].seconds, b.workers[w].seconds) << "worker " << w;
  const MessageTotals& m = a.messages;
  const MessageTotals& n = b.messages;
  EXPECT_EQ(std::tie(m.a2f_bytes, m.f2a_bytes, m.a2f_transfers, m.f2a_transfers, m.allreduce_bytes, m.allreduce_transfers),
            std::tie(n.a2f_bytes, n.f2a_bytes, n.a2f_transfers, n.f2a_transfers, n.allreduce_bytes, n.allreduce_transfers));
  EXPECT_EQ(a.tpot_s, b.tpot_s);
  EXPECT_EQ(a.barrier_waits_s, b.barrier_waits_s);
  EXPECT_EQ(a.queue_delays_s, b.queue_delays_s);
  EXPECT_EQ(a.ffn_tokens, b.ffn_tokens);
  EXPECT_EQ(a.ffn_padding_tokens, b.ffn_padding_tokens);
}

// One line per entry: what a provenance log holds, comparable as text.
std::string provenance_text(const CostProvenanceLog& log)
{
  std::ostringstream out;
  for (const auto& e : log.entries())
    out << e.op << " | " << e.shape << " | " << to_string(e.source) << " | " << e.reason << " | " << e.lookups << "\n";
  return out.str();
}

void expect_same_result(const SimulationResult& a, const SimulationResult& b)
{
  expect_same_log(a.log, b.log);
  ASSERT_EQ(a.totals.has_value(), b.totals.has_value());
  if (a.totals)
    expect_same_totals(*a.totals, *b.totals);
  EXPECT_EQ(a.simgrid_config, b.simgrid_config);
  EXPECT_EQ(a.compute, b.compute);
  ASSERT_EQ(a.links.size(), b.links.size());
  for (std::size_t i = 0; i < a.links.size(); ++i)
    EXPECT_EQ(std::tie(a.links[i].name, a.links[i].bandwidth_bytes_per_s, a.links[i].bytes),
              std::tie(b.links[i].name, b.links[i].bandwidth_bytes_per_s, b.links[i].bytes))
        << "link " << i;
  ASSERT_EQ(a.routes.size(), b.routes.size());
  for (std::size_t i = 0; i < a.routes.size(); ++i) {
    const auto& x = a.routes[i];
    const auto& y = b.routes[i];
    EXPECT_EQ(std::tie(x.from_host, x.to_host, x.latency_s, x.bandwidth_bytes_per_s),
              std::tie(y.from_host, y.to_host, y.latency_s, y.bandwidth_bytes_per_s))
        << "route " << i;
    ASSERT_EQ(x.links.size(), y.links.size()) << "route " << i;
    for (std::size_t l = 0; l < x.links.size(); ++l)
      EXPECT_EQ(std::tie(x.links[l].name, x.links[l].bandwidth_bytes_per_s),
                std::tie(y.links[l].name, y.links[l].bandwidth_bytes_per_s))
          << "route " << i << " link " << l;
  }
  EXPECT_EQ(a.wall_s, b.wall_s);
  ASSERT_EQ(a.cost_provenance == nullptr, b.cost_provenance == nullptr);
  if (a.cost_provenance)
    EXPECT_EQ(provenance_text(*a.cost_provenance), provenance_text(*b.cost_provenance));
  EXPECT_EQ(a.complete, b.complete);
  EXPECT_EQ(a.stop_signal, b.stop_signal);
  EXPECT_EQ(a.steps_completed, b.steps_completed);
}

TEST(ResultCodec, EveryFieldComesBack)
{
  const SimulationResult original = every_field_set();
  const std::string bytes = encode_result(original);
  const SimulationResult decoded = decode_result(bytes);
  expect_same_result(original, decoded);
  EXPECT_EQ(provenance_text(*decoded.cost_provenance),
            "decode_attention | batch=16 context=2304.5 | fallback | beyond the table's contexts | 1\n"
            "lm_head_gemm | m=16 | roofline |  | 1\n"
            "qkv_gemm | m=112 n=10240 k=5120 fp8 | measured |  | 2\n");
  EXPECT_EQ(encode_result(decoded), bytes);  // and encodes to the same bytes again
}

TEST(ResultCodec, AResultWithoutTotalsOrProvenanceStaysWithout)
{
  SimulationResult original = every_field_set();
  original.totals.reset();
  original.cost_provenance.reset();
  const SimulationResult decoded = decode_result(encode_result(original));
  EXPECT_FALSE(decoded.totals.has_value());
  EXPECT_EQ(decoded.cost_provenance, nullptr);
  expect_same_result(original, decoded);

  const SimulationResult empty = decode_result(encode_result(SimulationResult{}));
  EXPECT_TRUE(empty.complete);
  EXPECT_EQ(empty.compute, ComputeActivity::exec);
  EXPECT_TRUE(empty.log.steps.empty());
}

TEST(ResultCodec, TruncatedOrTrailingBytesAreRefused)
{
  const std::string bytes = encode_result(every_field_set());
  for (const std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1}) {
    try {
      decode_result(bytes.substr(0, cut));
      ADD_FAILURE() << "decoded " << cut << " of " << bytes.size() << " bytes";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "decode_result: truncated input") << cut;
    }
  }
  try {
    decode_result(bytes + "x");
    ADD_FAILURE() << "decoded a trailing byte";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "decode_result: trailing bytes");
  }
}

TEST(ResultCodec, AProfiledRunInAChildProcessKeepsItsCostProvenance)
{
  const Scenario s = load_scenario(AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h100-sxm-afd-profiled.yaml",
                                   {"model.layers=2", "workload.steps=4", "workload.warmup_steps=1"});
  const SimulationResult r = run_in_child_process([&] {
    SimulationResult in_child = simulate(s);
    // What the child saw, as text, in a field the codec ships anyway.
    in_child.simgrid_config["test.provenance"] =
        in_child.cost_provenance ? provenance_text(*in_child.cost_provenance) : "none";
    return in_child;
  });
  ASSERT_NE(r.cost_provenance, nullptr);
  const std::string seen_by_child = r.simgrid_config.at("test.provenance");
  EXPECT_EQ(provenance_text(*r.cost_provenance), seen_by_child);
  // Not an empty log passing for a shipped one: the GEMMs measured or interpolated, the LM head's
  // ops from the roofline, and shapes asked for more than once.
  EXPECT_NE(seen_by_child.find("qkv_gemm | "), std::string::npos) << seen_by_child;
  EXPECT_NE(seen_by_child.find("lm_head_gemm | m=32 n=151936 k=5120 bf16 | roofline |  | "), std::string::npos)
      << seen_by_child;
  uint64_t lookups = 0;
  for (const auto& e : r.cost_provenance->entries())
    lookups += e.lookups;
  EXPECT_GT(lookups, r.cost_provenance->entries().size());
}

} // namespace
} // namespace afdsim::test
