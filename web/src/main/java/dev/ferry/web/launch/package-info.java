/**
 * The console's launch forms: a new export ({@code /transfers/export/new}), a new import
 * ({@code /transfers/import/new}) and the import's browser upload ({@code POST /transfers/import/upload}). They
 * build the same requests as the API and start them through {@link dev.ferry.transfer.TransferService}; the engine's
 * refusals are shown next to the field they name.
 */
@NullMarked
package dev.ferry.web.launch;

import org.jspecify.annotations.NullMarked;
