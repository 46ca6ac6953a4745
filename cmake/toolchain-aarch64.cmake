# Cross-compiling Memorial Kiosk for a 64-bit Raspberry Pi (arm64, Raspberry Pi OS bookworm) on a Debian 12
# amd64 machine with Debian multiarch: the compiler from crossbuild-essential-arm64, the libraries as the
# :arm64 variants of the -dev packages, tests run under qemu-user. scripts/cross-arm64 installs all that and
# uses this file:
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake
#
# Optional cache variable:
#   KIOSK_ARM64_EXTRA_PREFIX  a folder with lib/pkgconfig/*.pc searched before the system's arm64 ones, for a
#                             library whose -dev package cannot be installed beside the amd64 one
#                             (bookworm's libunibreak-dev is not Multi-Arch: same; scripts/cross-arm64 unpacks
#                             it there).
#
# The same file is CPack's project config file for this build (see the top and the end): `cpack -G DEB`
# in the build folder makes an arm64 package.

if(DEFINED CPACK_GENERATOR AND NOT CMAKE_ROLE STREQUAL "PROJECT")
  # Read by cpack (CPACK_PROJECT_CONFIG_FILE below; cpack 3.25 leaves CMAKE_ROLE empty there): the package
  # is for arm64, whatever machine builds it.
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  # dpkg-shlibdeps finds the dependency of every library that dpkg knows as installed; libunibreak comes
  # from an unpacked, not installed, package (see above), so it is named here: the same as a native build
  # gets from dpkg-shlibdeps.
  if(NOT CPACK_DEBIAN_PACKAGE_DEPENDS MATCHES "libunibreak")
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libunibreak1 (>= 1.0)")
  endif()
  return()
endif()

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KIOSK_CROSS_TRIPLET aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${KIOSK_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${KIOSK_CROSS_TRIPLET}-g++)
# Multiarch: the arm64 libraries live in /usr/lib/aarch64-linux-gnu, their CMake configs (SDL2) in
# /usr/lib/aarch64-linux-gnu/cmake, the headers in /usr/include (shared with amd64) and
# /usr/include/aarch64-linux-gnu.
set(CMAKE_LIBRARY_ARCHITECTURE ${KIOSK_CROSS_TRIPLET})

# Where find_library/find_path/find_package look. With multiarch the target's files are under / itself
# (/usr/lib/aarch64-linux-gnu is found through CMAKE_LIBRARY_ARCHITECTURE), plus the cross libc of
# crossbuild-essential-arm64 in /usr/aarch64-linux-gnu. Programs (bash, qemu) are the build machine's.
# Note: /usr/lib/aarch64-linux-gnu itself is not a root: CMake appends lib/, include/, ... to each root.
set(CMAKE_FIND_ROOT_PATH /usr/${KIOSK_CROSS_TRIPLET} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config: only the arm64 .pc files (and the architecture-independent ones), never the amd64 ones.
set(KIOSK_ARM64_EXTRA_PREFIX "" CACHE PATH "Folder with lib/pkgconfig searched first (unpacked -dev packages)")
set(_kiosk_pc_dirs /usr/lib/${KIOSK_CROSS_TRIPLET}/pkgconfig /usr/share/pkgconfig)
if(KIOSK_ARM64_EXTRA_PREFIX)
  list(PREPEND _kiosk_pc_dirs ${KIOSK_ARM64_EXTRA_PREFIX}/lib/pkgconfig)
endif()
list(JOIN _kiosk_pc_dirs ":" _kiosk_pc_libdir)
# The environment is the whole cmake process's: a try_compile (which reads this file again, without the
# project's cache) must not reset it.
get_property(_kiosk_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
if(NOT _kiosk_in_try_compile)
  set(ENV{PKG_CONFIG_LIBDIR} "${_kiosk_pc_libdir}")
  unset(ENV{PKG_CONFIG_PATH})
  unset(ENV{PKG_CONFIG_SYSROOT_DIR})
endif()

# Tests run under qemu-user. With multiarch the arm64 dynamic loader and libc are installed
# (/lib/ld-linux-aarch64.so.1 from libc6:arm64), so qemu needs no prefix; without them it uses the cross
# libc of crossbuild-essential-arm64. A test that starts memorial-kiosk itself needs the kernel to run arm64
# programs through qemu (binfmt_misc): scripts/cross-arm64 registers it.
find_program(KIOSK_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(KIOSK_QEMU_AARCH64)
  if(EXISTS /lib/ld-linux-aarch64.so.1)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_QEMU_AARCH64})
  else()
    set(CMAKE_CROSSCOMPILING_EMULATOR ${KIOSK_QEMU_AARCH64} -L /usr/${KIOSK_CROSS_TRIPLET})
  endif()
endif()

# `cpack` in this build folder reads this file again (the top of this file).
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_FILE})
# dpkg-shlibdeps must find every arm64 library the program needs, the unpacked ones too.
if(KIOSK_ARM64_EXTRA_PREFIX)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${KIOSK_ARM64_EXTRA_PREFIX}/lib)
endif()
