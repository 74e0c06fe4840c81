// SIGINT, SIGTERM and SIGKILL during `afdsim sweep`, through the real binary: no new point starts,
// the running ones stop with "complete": false, results.csv marks every point without a result
// `unfinished`, the sweep exits 128 + the signal, and running the same command again finishes
// the sweep without rerunning the points that had finished.
#include "csv_rows.hpp"
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;

namespace afdsim::test {
namespace {

// Four points of the 2-layer fixed-cost sweep base, run two at a time: point 0 is short (a
// quarter of a second), point 1 five times longer, so that it is still running when point 0 has
// finished and the signal comes; points 2 and 3 twice as long as point 0, so that the one started
// as point 0 finished is still running too.
constexpr int kShortSteps = 1000;
constexpr int kLongSteps = 5000;
constexpr int kMediumSteps = 2000;
const std::string kFirstPointDone = "p00000-";  // the progress line of a finished point starts with its id

class SweepInterrupt : public ScratchDirTest {
protected:
  void SetUp() override
  {
    ScratchDirTest::SetUp();
    std::ofstream(spec()) << "name: interrupt\n"
                             "base: " AFDSIM_SOURCE_DIR "/tests/data/sweeps/base.yaml\n"
                             "axes:\n"
                             "  - {key: workload.steps, values: ["
                          << kShortSteps << ", " << kLongSteps << ", " << kMediumSteps << ", " << kMediumSteps + 1
                          << "]}\n";
  }

  std::string spec() const { return (dir_ / "interrupt.yaml").string(); }
  std::string out() const { return (dir_ / "out").string(); }
  std::string sweep_args() const { return "sweep '" + spec() + "' -j 2 --out '" + out() + "'"; }
  std::vector<CsvRow> results() const { return read_csv(out() + "/results.csv"); }
  fs::path point_dir(const CsvRow& row) const { return fs::path(out()) / "points" / row.at("id"); }
};

// The complete flag of a point's report, or "none" without one.
std::string report_complete(const fs::path& point)
{
  if (!fs::exists(point / "report.json"))
    return "none";
  return json::parse(read_text_file((point / "report.json").string()))["complete"].dump();
}

bool no_temporary_in(const fs::path& dir)
{
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos)
      return false;
  return true;
}

TEST_F(SweepInterrupt, SigintStopsTheSweepMarksUnfinishedPointsAndARerunFinishesOnlyThose)
{
  const ProcessResult r = run_afdsim_interrupted(sweep_args(), SIGINT, kFirstPointDone);
  ASSERT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  EXPECT_NE(r.err.find("interrupted by SIGINT: starting no new point; "), std::string::npos) << r.err;
  EXPECT_EQ(r.out.rfind("sweep interrupt: 4 points: 1 ok, 0 skipped, 0 failed, 3 unfinished (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" -> " + out() + "/results.csv; interrupted by SIGINT: run the same afdsim sweep command "
                                        "again to finish the 3 unfinished points (finished ones are kept)\n"),
            std::string::npos)
      << r.out;

  std::vector<CsvRow> rows = results();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("status"), "ok");
  EXPECT_FALSE(rows[0].at("tokens_per_s").empty());
  EXPECT_EQ(report_complete(point_dir(rows[0])), "true");
  // Point 1 was running: it got the signal once, stopped, and its report says so.
  EXPECT_EQ(rows[1].at("status"), "unfinished");
  EXPECT_EQ(rows[1].at("error"), "interrupted by SIGINT while it ran (afdsim run exited with code 130)");
  EXPECT_TRUE(rows[1].at("tokens_per_s").empty());
  EXPECT_EQ(report_complete(point_dir(rows[1])), "false");
  EXPECT_NE(read_text_file((point_dir(rows[1]) / "stderr.txt").string()).find("interrupted by SIGINT after "),
            std::string::npos);
  for (size_t i = 2; i < 4; ++i) {  // started just before the signal (maybe before its handlers were), or never
    EXPECT_EQ(rows[i].at("status"), "unfinished") << i;
    const std::string& error = rows[i].at("error");
    EXPECT_TRUE(error == "not started: the sweep was interrupted by SIGINT" ||
                error == "interrupted by SIGINT while it ran (afdsim run exited with code 130)" ||
                error == "interrupted by SIGINT while it ran (afdsim run was killed by signal 2 (Interrupt))")
        << error;
    EXPECT_NE(report_complete(point_dir(rows[i])), "true") << i;
  }
  EXPECT_TRUE(no_temporary_in(out()));
  const std::string walls = read_text_file(out() + "/wall_times.csv");
  EXPECT_NE(walls.find(",unfinished,"), std::string::npos) << walls;

  const fs::path first_report = point_dir(rows[0]) / "report.json";
  const std::string first_bytes = read_text_file(first_report.string());
  const fs::file_time_type first_written = fs::last_write_time(first_report);

  const ProcessResult again = run_afdsim(sweep_args());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "sweep interrupt: 4 points: 4 ok, 0 skipped, 0 failed (3 simulated now, 1 finished earlier) -> " +
                           out() + "/results.csv\n");
  EXPECT_NE(again.err.find(rows[0].at("id") + " ok: workload.steps=" + std::to_string(kShortSteps) + " (finished earlier)"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(read_text_file(first_report.string()), first_bytes);  // not run again
  EXPECT_EQ(fs::last_write_time(first_report), first_written);
  rows = results();
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "ok") << row.at("id");
    EXPECT_EQ(report_complete(point_dir(row)), "true") << row.at("id");
  }
}

TEST_F(SweepInterrupt, CtrlCToTheWholeGroupReachesEachPointOnceThroughTheSweep)
{
  // A terminal signals every process of the job; the points have a process group of their own,
  // so only the sweep's forwarded signal reaches them: one signal, a graceful stop (a second one
  // would kill them before they wrote their report).
  const ProcessResult r = run_afdsim_interrupted(sweep_args(), SIGTERM, kFirstPointDone, SignalDelivery{true});
  ASSERT_EQ(r.exit_code, 128 + SIGTERM) << r.err;
  const std::vector<CsvRow> rows = results();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("status"), "ok");
  EXPECT_EQ(rows[1].at("status"), "unfinished");
  EXPECT_EQ(rows[1].at("error"), "interrupted by SIGTERM while it ran (afdsim run exited with code 143)");
  const json report = json::parse(read_text_file((point_dir(rows[1]) / "report.json").string()));
  EXPECT_EQ(report["complete"], false);
  EXPECT_EQ(report["stopped"]["signal"], SIGTERM);
}

TEST_F(SweepInterrupt, AKilledSweepLeavesNoResultsThatLookCompleteAndItsPointsStop)
{
  // SIGKILL, like a second Ctrl-C (whose default action kills the sweep at once), leaves the
  // results.csv written before the first point started, and the points get SIGTERM as their
  // parent dies.
  const ProcessResult r = run_afdsim_interrupted(sweep_args(), SIGKILL, kFirstPointDone);
  ASSERT_EQ(r.exit_code, 128 + SIGKILL) << r.err;
  const std::vector<CsvRow> rows = results();
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("status"), "unfinished") << row.at("id");
    EXPECT_EQ(row.at("error"), "not run yet: the sweep is running or was stopped before it ran this point");
  }
  // Point 1 was running: it stops at its next safe point and writes its partial report.
  const fs::path report_file = point_dir(rows[1]) / "report.json";
  for (int waited_ms = 0; !fs::exists(report_file) && waited_ms < 30000; waited_ms += 50)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(fs::exists(report_file));
  const json report = json::parse(read_text_file(report_file.string()));
  EXPECT_EQ(report["complete"], false);
  EXPECT_EQ(report["stopped"]["signal"], SIGTERM);
}

} // namespace
} // namespace afdsim::test
