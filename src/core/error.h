#ifndef GETIHU_CORE_ERROR_H
#define GETIHU_CORE_ERROR_H
/* Error codes shared by every module: 0 is success, a negative value a failure.
 * Modules that need a finer reason (money, dates, USCC) return their own negative
 * codes and offer a *Message() function that turns the code into one line. */
enum {
    GH_OK = 0,
    GH_EINVAL = -1,   /* input does not follow its format */
    GH_ENOMEM = -2,   /* allocation failed */
    GH_EIO = -3,      /* read/write failed */
    GH_ERANGE = -4,   /* value outside what the type can hold */
    GH_ENOTFOUND = -5, /* a lookup found nothing */
    GH_EBUSY = -6,     /* the store is held by another writer past its own wait: nothing
                        * was done; try again later (503 "请稍后重试"), never a refusal */
    GH_EREFUSED = -7   /* the law refuses the action: the caller shows the reasons given */
};
#endif
