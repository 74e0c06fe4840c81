// The scripts around `afdsim sweep`: the GNU parallel and Slurm wrappers give the unsharded
// results.csv (the Slurm one with a stand-in `sbatch` that runs the jobs here), and
// scripts/plot_sweep.py draws every kind of plot from a sweep folder.
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>


#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using afdsim::test::ScratchDirTest;
using afdsim::test::ProcessResult;
using afdsim::test::read_text_file;
using afdsim::test::run_command;

namespace {

const std::string kRoot = AFDSIM_SOURCE_DIR;
const std::string kTiny = kRoot + "/tests/data/sweeps/tiny.yaml";

class SweepScripts : public ScratchDirTest {
protected:
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string unsharded()
  {
    const ProcessResult r = run_command("'" AFDSIM_BINARY "' sweep '" + kTiny + "' --out '" + path("all") + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return read_text_file(path("all") + "/results.csv");
  }
};

} // namespace

TEST_F(SweepScripts, ParallelShardsMergeIntoTheUnshardedResults)
{
  const ProcessResult r = run_command("AFDSIM='" AFDSIM_BINARY "' '" + kRoot + "/scripts/sweep_parallel.sh' '" + kTiny +
                                      "' '" + path("par") + "' 3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text_file(path("par") + "/results.csv"), unsharded());
  EXPECT_TRUE(fs::exists(path("par") + "/shard-2/results.csv"));
}

TEST_F(SweepScripts, SlurmArrayAndMergeGiveTheUnshardedResults)
{
  // A stand-in sbatch: runs the array's tasks one after the other, then the --wrap command.
  const std::string bin = path("bin");
  fs::create_directories(bin);
  std::ofstream(bin + "/sbatch") << "#!/bin/bash\n"
                                    "array= wrap= args=()\n"
                                    "for a in \"$@\"; do case \"$a\" in\n"
                                    "  --array=*) array=${a#--array=} ;; --wrap=*) wrap=${a#--wrap=} ;;\n"
                                    "  --*) ;; *) args+=(\"$a\") ;; esac; done\n"
                                    "if [ -n \"$wrap\" ]; then bash -c \"$wrap\" >&2 || exit 1; echo 2; exit; fi\n"
                                    "for i in $(seq ${array%-*} ${array#*-}); do\n"
                                    "  SLURM_ARRAY_TASK_ID=$i \"${args[@]}\" >&2 || exit 1; done\n"
                                    "echo 1\n";
  fs::permissions(bin + "/sbatch", fs::perms::owner_all);
  const ProcessResult r = run_command("PATH='" + bin + "':$PATH AFDSIM='" AFDSIM_BINARY "' '" + kRoot +
                                      "/scripts/sweep_slurm.sh' '" + kTiny + "' '" + path("slurm") + "' 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "submitted array job 1 (2 shards) and merge job 2; results: " + path("slurm") + "/results.csv\n");
  EXPECT_EQ(read_text_file(path("slurm") + "/results.csv"), unsharded());
}

TEST_F(SweepScripts, PlotSweepDrawsEveryKind)
{
  unsharded();
  for (const std::string kind : {"throughput-vs-r", "bubble-vs-r", "frontier"}) {
    const ProcessResult r =
        run_command(kRoot + "/scripts/plot_sweep.py '" + path("all") + "' " + kind + " -o '" + path(kind + ".png") + "'");
    ASSERT_EQ(r.exit_code, 0) << kind << ": " << r.err;
    EXPECT_EQ(read_text_file(path(kind + ".png")).substr(0, 8), "\x89PNG\r\n\x1a\n") << kind;
  }
  const ProcessResult heatmap = run_command(kRoot + "/scripts/plot_sweep.py '" + path("all") +
                                            "/results.csv' heatmap --x attention_workers --y microbatches "
                                            "--where batch_per_worker=4 -o '" + path("h.png") + "'");
  ASSERT_EQ(heatmap.exit_code, 0) << heatmap.err;
  EXPECT_EQ(read_text_file(path("h.png")).substr(0, 8), "\x89PNG\r\n\x1a\n");
  // Nothing to draw is an error, not an empty picture.
  EXPECT_NE(run_command(kRoot + "/scripts/plot_sweep.py '" + path("all") + "' frontier --where attention_workers=9 -o '" +
                        path("none.png") + "'")
                .exit_code,
            0);
  EXPECT_FALSE(fs::exists(path("none.png")));
}
