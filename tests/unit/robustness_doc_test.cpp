// docs/robustness.md is the catalogue of bad input: every case of tests/bad_scenarios/ and every
// fuzz target must be in it, so that adding one without documenting it fails here.
#include "test_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace afdsim::test {
namespace {

const std::string kDoc = read_text_file(AFDSIM_SOURCE_DIR "/docs/robustness.md");

void expect_every_file_listed(const std::string& dir, const std::string& suffix)
{
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    ++files;
    EXPECT_NE(kDoc.find("`" + name + "`"), std::string::npos) << name << " is not in docs/robustness.md";
  }
  EXPECT_GT(files, 0) << dir;
}

TEST(RobustnessDoc, ListsEveryBadScenario) { expect_every_file_listed(AFDSIM_SOURCE_DIR "/tests/bad_scenarios", ".yaml"); }

TEST(RobustnessDoc, ListsEveryFuzzTarget) { expect_every_file_listed(AFDSIM_SOURCE_DIR "/fuzz", "_fuzz.cpp"); }

} // namespace
} // namespace afdsim::test
