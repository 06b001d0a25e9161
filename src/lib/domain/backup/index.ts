/** The backup file format (.kaiming), its validation and restore planning, and the backup reminder. */
export * from './format';
export * from './archive';
export * from './reminder';
export * from './describe';
