/** Ferry error codes (the seed's TIEM_TRANSPORT_* plus PARAMETER_INVALID and CLUSTER_NOT_FOUND) and the exception carrying them. */
@NullMarked
package dev.ferry.error;

import org.jspecify.annotations.NullMarked;
