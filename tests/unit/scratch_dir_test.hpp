#pragma once
// A fixture whose tests each get an empty directory of their own, dir_, removed afterwards. The
// name carries the suite, the process and the test, so parallel ctest runs never share one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace afdsim::test {

class ScratchDirTest : public ::testing::Test {
protected:
  void SetUp() override
  {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() / ("afdsim-" + std::string(test->test_suite_name()) + "-" +
                                                     std::to_string(getpid()) + "-" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

} // namespace afdsim::test
