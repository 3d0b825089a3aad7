// glibc's allocator settings (mallopt, malloc_trim), which Swift's Glibc module leaves out.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
