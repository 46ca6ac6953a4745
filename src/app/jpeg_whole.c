/* jpeg_whole: see jpeg_whole.h. */
#include "jpeg_whole.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

#include "jpegwalk.h"

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    bool warned;
} jw_error;

static void on_error(j_common_ptr ci)
{
    longjmp(((jw_error *)ci->err)->jump, 1);
}

/* A warning (level < 0) means the decoder would have something to say: not proved. */
static void on_message(j_common_ptr ci, int level)
{
    if (level < 0) {
        ((jw_error *)ci->err)->warned = true;
    }
}

static bool copy_table(const JHUFF_TBL *from, jpegwalk_table *to)
{
    to->present = from != NULL;
    if (from) {
        memcpy(to->bits, from->bits, sizeof to->bits);
        memcpy(to->vals, from->huffval, sizeof to->vals);
    }
    return to->present;
}

/* The common kind (jpeg_whole.h), read into f; false for anything else. */
static bool common_frame(const struct jpeg_decompress_struct *ci, int width, int height, jpegwalk_frame *f)
{
    int n = ci->num_components;
    bool grey = n == 1 && ci->jpeg_color_space == JCS_GRAYSCALE;
    bool ycc = n == 3 && ci->jpeg_color_space == JCS_YCbCr;
    if ((!grey && !ycc) || ci->progressive_mode || ci->arith_code || ci->data_precision != 8 ||
        ci->comps_in_scan != n || ci->Ss != 0 || ci->Se != DCTSIZE2 - 1 || ci->Ah != 0 || ci->Al != 0 ||
        (int)ci->image_width != width || (int)ci->image_height != height) {
        return false;
    }
    memset(f, 0, sizeof *f);
    f->width = width;
    f->height = height;
    f->ncomps = n;
    f->restart_interval = ci->restart_interval;
    for (int i = 0; i < n; i++) {
        const jpeg_component_info *c = ci->cur_comp_info[i];
        bool luma = i == 0, one = c->h_samp_factor == 1 && c->v_samp_factor == 1;
        if (c != &ci->comp_info[i] || (luma ? c->h_samp_factor > 2 || c->v_samp_factor > 2 : !one) ||
            c->quant_tbl_no < 0 || c->quant_tbl_no >= NUM_QUANT_TBLS ||
            !ci->quant_tbl_ptrs[c->quant_tbl_no] || c->dc_tbl_no < 0 || c->dc_tbl_no >= NUM_HUFF_TBLS ||
            c->ac_tbl_no < 0 || c->ac_tbl_no >= NUM_HUFF_TBLS) {
            return false;
        }
        f->comps[i] = (jpegwalk_comp){c->h_samp_factor, c->v_samp_factor, c->dc_tbl_no, c->ac_tbl_no};
        if (!copy_table(ci->dc_huff_tbl_ptrs[c->dc_tbl_no], &f->dc[c->dc_tbl_no]) ||
            !copy_table(ci->ac_huff_tbl_ptrs[c->ac_tbl_no], &f->ac[c->ac_tbl_no])) {
            return false;
        }
    }
    return true;
}

/* Everything that may longjmp back here. */
static bool run(struct jpeg_decompress_struct *ci, jw_error *err, bool *created, const uint8_t *data,
                size_t size, int width, int height)
{
    jpegwalk_frame f;
    if (setjmp(err->jump)) {
        return false;
    }
    jpeg_create_decompress(ci);
    *created = true;
    jpeg_mem_src(ci, data, (unsigned long)size);
    if (jpeg_read_header(ci, TRUE) != JPEG_HEADER_OK || err->warned || !common_frame(ci, width, height, &f)) {
        return false;
    }
    const uint8_t *coded = ci->src->next_input_byte;
    return jpegwalk_whole(&f, coded, size - (size_t)(coded - data));
}

bool jpeg_whole(const uint8_t *data, size_t size, int width, int height)
{
    struct jpeg_decompress_struct ci;
    jw_error err;
    bool created = false;
    memset(&ci, 0, sizeof ci);
    memset(&err, 0, sizeof err);
    ci.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = on_error;
    err.pub.emit_message = on_message;
    bool whole = data && size > 0 && run(&ci, &err, &created, data, size, width, height);
    if (created) {
        jpeg_destroy_decompress(&ci);
    }
    return whole;
}
