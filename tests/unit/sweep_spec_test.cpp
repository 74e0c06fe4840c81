// Sweep specs without running anything: how axes, ranges, zips and grids expand into points, the
// points' ids and sets, shards, filters, the CSV a row becomes, and the sweep's summary line.
#include "test_files.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/sweep/point_columns.hpp"
#include "sim/sweep/results_csv.hpp"
#include "sim/sweep/sweep_axes.hpp"
#include "sim/sweep/sweep_filters.hpp"
#include "sim/sweep/sweep_points.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace afdsim;

namespace {

const std::string kDir = AFDSIM_SOURCE_DIR "/tests/data/sweeps";

SweepSpec spec_of(const std::string& body, const std::vector<std::string>& sets = {})
{
  return load_sweep_spec_text("base: base.yaml\n" + body, "spec.yaml", kDir, sets);
}

std::string spec_error(const std::string& body)
{
  try {
    spec_of(body);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "loaded without error:\n" << body;
  return "";
}

std::vector<std::string> values_of(const SweepSpec& spec, size_t index) { return sweep_point(spec, index).values; }

} // namespace

TEST(SweepSpec, AxesExpandAsAProductWithTheFirstAxisSlowest)
{
  const SweepSpec spec = spec_of("set: {workload.steps: 4}\n"
                                 "axes:\n"
                                 "  - {key: deployment.attention_workers, values: [1, 3]}\n"
                                 "  - {key: deployment.microbatches, range: {from: 1, to: 3}}\n");
  EXPECT_EQ(spec.name, "spec");
  EXPECT_EQ(parameter_keys(spec), (std::vector<std::string>{"deployment.attention_workers", "deployment.microbatches"}));
  ASSERT_EQ(point_count(spec), 6u);
  EXPECT_EQ(values_of(spec, 0), (std::vector<std::string>{"1", "1"}));
  EXPECT_EQ(values_of(spec, 2), (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(values_of(spec, 3), (std::vector<std::string>{"3", "1"}));
  const SweepPoint last = sweep_point(spec, 5);
  EXPECT_EQ(last.sets, (std::vector<std::string>{"workload.steps=4", "deployment.attention_workers=3",
                                                 "deployment.microbatches=3"}));
  EXPECT_THROW(sweep_point(spec, 6), std::out_of_range);
}

TEST(SweepSpec, RangesCountUpArithmeticallyOrGeometrically)
{
  const SweepSpec spec = spec_of("axes:\n"
                                 "  - {key: workload.batch_per_worker, range: {from: 8, to: 100, times: 2}}\n"
                                 "  - {key: deployment.attention_slowdown, values: [[1.5, 1]]}\n"
                                 "  - {key: hardware.gemm_mfu, range: {from: 0.1, to: 0.3, step: 0.1}}\n");
  EXPECT_EQ(spec.grids[0].axes[0].keys[0].values, (std::vector<std::string>{"8", "16", "32", "64"}));
  // Decimal steps land on the decimal values (0.1 x 3 is 0.30000000000000004 in binary).
  EXPECT_EQ(spec.grids[0].axes[2].keys[0].values, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  EXPECT_EQ(values_of(spec, 0)[1], "[1.5, 1]");  // a list value, as --set takes it
}

TEST(SweepSpec, SubnormalRangeValuesAreNumbersNotAnInternalError)
{
  // Found while writing the sweep_spec fuzz target: std::stod threw std::out_of_range on the
  // twelve-digit text of 1e-310 (a subnormal double), an internal error instead of a spec.
  const SweepSpec spec = spec_of("axes:\n"
                                 "  - {key: hardware.gemm_mfu, range: {from: 1e-310, to: 1, times: 1e6}}\n");
  const std::vector<std::string>& values = spec.grids[0].axes[0].keys[0].values;
  ASSERT_EQ(values.size(), 52u);  // 1e-310 x 1e6^k up to 1e-4
  EXPECT_EQ(values[0], "1e-310");
  EXPECT_EQ(values[1], "1e-304");
  EXPECT_EQ(values.back(), "1e-04");
}

TEST(SweepSpec, ValueListsAreBoundedLikeRanges)
{
  std::string list = "[0";
  for (size_t i = 1; i <= kMaxAxisValues; ++i)
    list += "," + std::to_string(i);
  EXPECT_EQ(spec_error("axes:\n  - {key: workload.seed, values: " + list + "]}\n"),
            "spec.yaml:3:34: axes[0].values: has 100001 values, more than 100000; a sweep axis that long is a mistake");
}

TEST(SweepSpec, ValueTextKeepsQuotedStringsAndFlowsCollections)
{
  EXPECT_EQ(value_text(YAML::Load("h100-sxm")), "h100-sxm");
  EXPECT_EQ(value_text(YAML::Load("\"200\"")), "\"200\"");
  EXPECT_EQ(value_text(YAML::Load("[n1-gpu0, n1-gpu1]")), "[n1-gpu0, n1-gpu1]");
  EXPECT_EQ(value_text(YAML::Load("{dist: geometric, mean: 256}")), "{dist: geometric, mean: 256}");
  // What --set makes of the text is the value written in the spec.
  EXPECT_EQ(YAML::Load(value_text(YAML::Load("\"200\""))).Scalar(), "200");
  EXPECT_EQ(YAML::Load(value_text(YAML::Load("\"200\""))).Tag(), "!");
}

TEST(SweepSpec, ZippedKeysVaryTogether)
{
  const SweepSpec spec = spec_of("axes:\n"
                                 "  - {key: deployment.attention_workers, values: [1, 2]}\n"
                                 "  - zip:\n"
                                 "      - {key: workload.prompt_tokens, values: [2048, 8192, 32768]}\n"
                                 "      - {key: workload.batch_per_worker, values: [32, 32, 8]}\n");
  ASSERT_EQ(point_count(spec), 6u);
  EXPECT_EQ(values_of(spec, 5), (std::vector<std::string>{"2", "32768", "8"}));
  EXPECT_EQ(values_of(spec, 1), (std::vector<std::string>{"1", "8192", "32"}));
}

TEST(SweepSpec, GridsConcatenateAndShareTheParameterColumns)
{
  const SweepSpec spec = spec_of("grids:\n"
                                 "  - name: afd\n"
                                 "    axes: [{key: deployment.attention_workers, values: [1, 2, 3]}]\n"
                                 "  - name: dp\n"
                                 "    set: {deployment.mode: colocated}\n"
                                 "    axes:\n"
                                 "      - {key: deployment.gpus, values: [2, 4]}\n"
                                 "      - {key: deployment.attention_workers, values: [1]}\n");
  EXPECT_EQ(parameter_keys(spec), (std::vector<std::string>{"deployment.attention_workers", "deployment.gpus"}));
  ASSERT_EQ(point_count(spec), 5u);
  const SweepPoint afd = sweep_point(spec, 2);
  EXPECT_EQ(afd.grid, "afd");
  EXPECT_EQ(afd.values, (std::vector<std::string>{"3", ""}));
  const SweepPoint dp = sweep_point(spec, 4);
  EXPECT_EQ(dp.grid, "dp");
  EXPECT_EQ(dp.values, (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(dp.sets, (std::vector<std::string>{"deployment.mode=colocated", "deployment.gpus=4",
                                               "deployment.attention_workers=1"}));
}

TEST(SweepSpec, PointIdsFollowTheParametersAndTheBaseScenario)
{
  const std::string axes = "axes: [{key: deployment.microbatches, values: [1, 2]}]\n";
  const SweepSpec a = spec_of(axes);
  const SweepSpec b = spec_of(axes);
  EXPECT_EQ(sweep_point(a, 1).id, sweep_point(b, 1).id);
  EXPECT_EQ(sweep_point(a, 1).id.substr(0, 7), "p00001-");
  EXPECT_NE(sweep_point(a, 0).id.substr(7), sweep_point(a, 1).id.substr(7));
  // Another --set, another point: a finished point of the first sweep is not reused by the second.
  const SweepSpec c = spec_of(axes, {"workload.steps=3"});
  EXPECT_EQ(c.sets, (std::vector<std::string>{"workload.steps=3"}));
  EXPECT_NE(sweep_point(a, 1).id, sweep_point(c, 1).id);
  SweepSpec d = a;
  d.base_hash ^= 1;  // the base scenario was edited
  EXPECT_NE(sweep_point(a, 1).id, sweep_point(d, 1).id);
}

TEST(SweepSpec, CliSetsAreCheckedLikeTheSpecsOwn)
{
  try {
    spec_of("axes: [{key: deployment.microbatches, values: [1, 2]}]\n", {"workload.step=3"});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "--set workload.step=3: workload.step: 'workload.step' is not a scenario key: workload.step: "
                           "unknown key; did you mean 'steps'?");
  }
  EXPECT_EQ(spec_error("axes: [{key: deployment.microbatches, values: [1, 2]}]\nname: ''\n"),
            "spec.yaml:3:7: name: must be a non-empty string");
}

TEST(SweepSpec, ValuesTheScenarioRefusesAreLeftToThePoints)
{
  // microbatches 8 is above the base batch of 4, but not above the batch another axis brings:
  // only a key the scenario does not have is the spec's mistake.
  const SweepSpec spec = spec_of("axes:\n"
                                 "  - {key: deployment.microbatches, values: [8]}\n"
                                 "  - {key: workload.batch_per_worker, values: [4, 16]}\n");
  EXPECT_THROW(load_scenario(spec.resolved_base_file, sweep_point(spec, 0).sets), InputError);
  EXPECT_EQ(load_scenario(spec.resolved_base_file, sweep_point(spec, 1).sets).deployment.microbatches, 8);
}

TEST(SweepShard, SlicesPartitionThePoints)
{
  const Shard shard = parse_shard("2/3");
  EXPECT_EQ(shard.index, 2u);
  EXPECT_EQ(shard.count, 3u);
  EXPECT_EQ(shard.text(), "2/3");
  std::multiset<size_t> seen;
  for (size_t s = 0; s < 3; ++s)
    for (size_t i = 0; i < 10; ++i)
      if (in_shard(i, Shard{s, 3}))
        seen.insert(i);
  EXPECT_EQ(seen.size(), 10u);
  EXPECT_EQ(std::set<size_t>(seen.begin(), seen.end()).size(), 10u);
  for (const char* bad : {"3/3", "1", "-1/2", "a/b", "0/0", "1/2/3"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), std::string("--shard: ") + bad +
                                           ": must be i/N: this run's slice i (0 <= i < N) of N, e.g. 0/4");
    }
  }
}

TEST(SweepFilters, SkipReasonsNameTheFilterAndTheValues)
{
  const SweepSpec spec = spec_of("axes: [{key: deployment.microbatches, values: [1, 2, 4]}]\n"
                                 "filters:\n"
                                 "  - {key: deployment.microbatches, at_most: workload.batch_per_worker}\n"
                                 "  - {key: deployment.microbatches, at_least: 2}\n"
                                 "  - memory_fits\n");
  ASSERT_EQ(spec.filters.size(), 3u);
  Scenario s = load_scenario(spec.resolved_base_file, {"deployment.microbatches=2"});
  EXPECT_EQ(skip_reason(spec.filters, s), std::nullopt);
  s.deployment.microbatches = 1;
  EXPECT_EQ(skip_reason(spec.filters, s),
            "deployment.microbatches at_least 2: deployment.microbatches = 1 is below 2");
  s.deployment.microbatches = 8;
  EXPECT_EQ(skip_reason(spec.filters, s), "deployment.microbatches at_most workload.batch_per_worker: "
                                          "deployment.microbatches = 8 is above workload.batch_per_worker = 4");
  s.deployment.microbatches = 2;
  s.workload.prompt_tokens = 10000000;  // 82 GB of KV per request on 2 layers
  const std::optional<std::string> memory = skip_reason(spec.filters, s);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->rfind("memory_fits: " + spec.resolved_base_file + ": workload.batch_per_worker: 4 requests per "
                          "worker do not fit in GPU memory",
                          0),
            0u)
      << *memory;
}

TEST(SweepResults, RowsAreOneCsvLineWithQuotedFields)
{
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  ResultRow row;
  row.index = 7;
  row.id = "p00007-00000000";
  row.grid = "afd";
  row.parameters = {"[n1-gpu0, n1-gpu1]", "4"};
  row.status = PointStatus::failed;
  row.metrics["gpus"] = "3";
  row.error = "first line\nsecond, line\n";
  const std::string line = results_line(row);
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // one line
  EXPECT_EQ(line.rfind("7,p00007-00000000,afd,\"[n1-gpu0, n1-gpu1]\",4,failed,", 0), 0u) << line;
  EXPECT_NE(line.find(",\"first line; second, line\"\n"), std::string::npos) << line;
  const std::string header = results_header({"deployment.ffn_hosts", "deployment.microbatches"});
  EXPECT_EQ(header.rfind("point,id,grid,deployment.ffn_hosts,deployment.microbatches,status,mode,", 0), 0u);
  // As many fields in a row as in the header.
  size_t commas_outside_quotes = 0;
  bool quoted = false;
  for (char c : line) {
    quoted = c == '"' ? !quoted : quoted;
    commas_outside_quotes += (c == ',' && !quoted) ? 1 : 0;
  }
  EXPECT_EQ(commas_outside_quotes, static_cast<size_t>(std::count(header.begin(), header.end(), ',')));
  EXPECT_EQ(header.substr(header.size() - 6), ",error");
  EXPECT_EQ(metric_columns().front(), "mode");
}

TEST(SweepSummary, SaysHowToFinishAnInterruptedSweep)
{
  SweepSummary s;
  s.name = "tiny";
  s.points = s.selected = 9;
  s.ok = 4;
  s.skipped = 3;
  s.run = 4;
  s.results_file = "out/results.csv";
  s.failed = 2;
  EXPECT_EQ(summary_text(s), "sweep tiny: 9 points: 4 ok, 3 skipped, 2 failed (4 simulated now, 0 finished earlier) -> "
                             "out/results.csv");
  s.interrupt_signal = 15;  // after every point had finished
  EXPECT_EQ(summary_text(s), "sweep tiny: 9 points: 4 ok, 3 skipped, 2 failed (4 simulated now, 0 finished earlier) -> "
                             "out/results.csv; SIGTERM arrived after every point had finished: the results are complete");
  s.failed = 1;
  s.unfinished = 1;
  s.interrupt_signal = 2;
  EXPECT_EQ(summary_text(s), "sweep tiny: 9 points: 4 ok, 3 skipped, 1 failed, 1 unfinished (4 simulated now, 0 finished "
                             "earlier) -> out/results.csv; interrupted by SIGINT: run the same afdsim sweep command again "
                             "to finish the 1 unfinished point (finished ones are kept)");
}
