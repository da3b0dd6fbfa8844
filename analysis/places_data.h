/* places_data.h - the project's own list of places (see places_data.c). */
#ifndef DATELINE_PLACES_DATA_H
#define DATELINE_PLACES_DATA_H

/* "canonical|alpha-2|other;names" lines, NULL-terminated. */
extern const char *const an_places_data[];

#endif /* DATELINE_PLACES_DATA_H */
