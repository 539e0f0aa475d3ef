# Sanitizer and fuzzing builds (README "Sanitizers and fuzzing",
# docs/reliability.md).
#
# SOCSIM_SANITIZE: everything socsim compiles is built with AddressSanitizer
# and UndefinedBehaviorSanitizer (gcc or clang), at -O1 with frame pointers
# and line tables only (reports still name file and line; full debug info
# makes the build slower), and with libstdc++'s assertions (bounds of
# operator[], front() of an empty container, ...). Any report ends the program
# (-fno-sanitize-recover), so a test that provokes one fails. SystemC,
# yaml-cpp and fmt are Debian's uninstrumented libraries; the run-time
# options that make ASan work with SystemC's threads are compiled into every
# executable (util/sanitizer_options.cpp).
#
# SOCSIM_FUZZ (clang only; implies SOCSIM_SANITIZE): also builds the
# libFuzzer harnesses (tests/fuzz); the libraries they exercise get
# libFuzzer's coverage instrumentation (tests/CMakeLists.txt).
option(SOCSIM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(SOCSIM_FUZZ "Also build the libFuzzer harnesses (clang; implies SOCSIM_SANITIZE)" OFF)

if(SOCSIM_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SOCSIM_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++-14")
endif()

if(SOCSIM_SANITIZE OR SOCSIM_FUZZ)
  # After the build type's flags on the command line, so -O1 and the
  # line tables win.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -O1 $<IF:$<CXX_COMPILER_ID:Clang>,-gline-tables-only,-g1>
                      -D_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined)
  # Linked into every executable defined after this point.
  add_library(socsim_sanitizer_options OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/util/sanitizer_options.cpp)
  link_libraries(socsim_sanitizer_options)
endif()
