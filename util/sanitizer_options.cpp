// Run-time options of the sanitizer builds (cmake/sanitize.cmake links this
// file into every executable of a SOCSIM_SANITIZE build; others never see
// it). ASAN_OPTIONS / UBSAN_OPTIONS in the environment still override them.
//
// SystemC 2.3.4 as Debian builds it runs SC_THREADs as QuickThreads
// coroutines: stacks that SystemC allocates and switches to without telling
// ASan. detect_stack_use_after_return=0: that check keeps frames on "fake
// stacks" and frees those whose real stack pointer has moved past them, which
// a switch to another coroutine's stack looks like, so it would report frames
// that are still live: with it on, every model test fails at once (the
// harness's CatchRunner, a local of sc_main, reads as freed from inside its
// SC_THREAD). clang 14's runtime leaves it off by default; it is set here so
// that the build does not depend on a runtime's default. Every other check
// stays on.
extern "C" const char* __asan_default_options() {
    return "detect_stack_use_after_return=0";
}

// A report says where (the build has line tables).
extern "C" const char* __ubsan_default_options() {
    return "print_stacktrace=1";
}
