/** Columns of the Kaggle "eCommerce behavior data from multi category store" files, in file order. */
export const EVENTS_HEADER = [
  'event_time',
  'event_type',
  'product_id',
  'category_id',
  'category_code',
  'brand',
  'price',
  'user_id',
  'user_session',
] as const;

export type EventColumn = (typeof EVENTS_HEADER)[number];
