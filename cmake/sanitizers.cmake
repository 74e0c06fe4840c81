# Robustness builds (docs/robustness.md). Included before any target, so the flags reach the
# library, the binary, the tests and the fuzz targets alike.
#   AFDSIM_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer, the process stops at the first
#                       report (GCC or clang).
#   AFDSIM_FUZZ=ON:     also the libFuzzer targets of fuzz/ (clang only); implies AFDSIM_SANITIZE.
option(AFDSIM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer, halting on the first report" OFF)
option(AFDSIM_FUZZ "Build the libFuzzer targets of fuzz/ (clang only; implies AFDSIM_SANITIZE)" OFF)

if(AFDSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AFDSIM_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  set(AFDSIM_SANITIZE ON CACHE BOOL "" FORCE)
  # Coverage feedback for libFuzzer in every object; only the fuzz targets link its main().
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(AFDSIM_SANITIZE)
  # -fno-sanitize-recover: undefined behaviour aborts like a memory error instead of printing and going on.
  set(AFDSIM_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${AFDSIM_SANITIZER_FLAGS} -g)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(AFDSIM_SANITIZE=1)
endif()
