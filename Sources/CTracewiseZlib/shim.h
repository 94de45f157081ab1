#ifndef TRACEWISE_CZLIB_SHIM_H
#define TRACEWISE_CZLIB_SHIM_H
#include <zlib.h>
#endif
